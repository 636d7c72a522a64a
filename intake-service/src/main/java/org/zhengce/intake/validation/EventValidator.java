package org.zhengce.intake.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.DisabilityCertified;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.RelationToHead;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdChanged;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.MemberJoined;
import org.zhengce.intake.MemberLeft;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.InvalidIdentityNumberException;
import org.zhengce.intake.identity.ResidentIdentityNumber;

/**
 * Checks what a decoded department event means, after its Avro schema has been checked by decoding, and reports every
 * error at once.
 *
 * <p>Generic rules follow the schema, so a new fact gets them without code: every resident identity (GB 11643 check),
 * missing or blank required values, timestamps not in the future, dates not after today in China (except planned
 * dates such as a grant's end), amounts (fields ending in {@code Fen}) and counts (fields ending in {@code Days} or
 * starting with {@code months}) not negative, community codes (fields named {@code communityCode}) 12 digits and known,
 * enum symbols the schema knows, no UNKNOWN default where the fact needs a real value (a member's sex), and no
 * identity number inside a published identifier (event id, household number).
 *
 * <p>Per-fact rules add what the schema cannot say: {@code occurredAt ≤ reportedAt}; household facts are about a
 * household, with exactly one head and no person twice; a member's birth date and sex agree with the identity number;
 * a grant has an amount and does not end before it starts; out-of-pocket cost is not above the total; a disability
 * grade is 1 to 4.
 *
 * <p>Offending values never contain an identity number in clear: identity numbers are masked wherever they appear.
 * Thread-safe.
 */
public final class EventValidator {

    /** The branches of the data standard's unions, by union and kind of value: a few dozen, resolved once each. */
    private static final Map<Schema, Map<Object, Schema>> BRANCHES = new ConcurrentHashMap<>();

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /**
     * No fact the platform is told about happened before 1900: an earlier time is a department system's empty value
     * (0001-01-01, epoch millis far below zero), never a date to publish.
     */
    private static final Instant EARLIEST_TIME = Instant.parse("1900-01-01T00:00:00Z");

    static final String RESIDENT_IDENTITY = ResidentIdentity.getClassSchema().getFullName();
    private static final Pattern COMMUNITY_CODE = Pattern.compile("[0-9]{12}");
    private static final String UNKNOWN_SYMBOL = "UNKNOWN";
    private static final int MAX_OFFENDING_VALUE = 100;
    /** Planned dates that may lie ahead, as record name + "." + field name. */
    static final Set<String> FUTURE_DATES_ALLOWED = Set.of("AssistanceGranted.startDate", "AssistanceGranted.endDate");

    /**
     * Enum fields whose default symbol (UNKNOWN) is not accepted, as record name + "." + field name. Elsewhere the
     * default is a legitimate answer by the schema's own doc ("not assessed yet" urgency, "not appraised" housing,
     * OTHER reasons); a member's sex is always in the household register and in the identity number.
     */
    private static final Set<String> DEFAULT_SYMBOL_NOT_ALLOWED = Set.of("Member.sex");

    /** Published identifiers used as keys: an identity number in one would leak, and masking it would break the key. */
    static final Set<String> KEYS = Set.of("DepartmentEvent.eventId", "HouseholdNumber.value");

    /**
     * The per-fact rules of {@link Check#fact}, by event type and the field path each names: what the event type's
     * page lists ({@link RuleCatalogue}). Kept beside the checks; {@code RuleCatalogueTest} breaks each on its
     * type's example and fails on a violation the catalogue does not name.
     */
    static final Map<String, Map<String, List<ValidationRule>>> FACT_RULES = Map.of(
            "HouseholdRegistered", household(),
            "HouseholdChanged", household(),
            "MemberJoined", Map.of("subject", List.of(ValidationRule.SUBJECT_KIND)),
            "MemberLeft", Map.of("subject", List.of(ValidationRule.SUBJECT_KIND)),
            "EconomicCheckDone", Map.of("subject", List.of(ValidationRule.SUBJECT_KIND)),
            "AssistanceGranted",
                    Map.of(
                            "fact.monthlyAmountFen", List.of(ValidationRule.REQUIRED),
                            "fact.endDate", List.of(ValidationRule.DATE_ORDER)),
            "MedicalExpenseSettled", Map.of("fact.outOfPocketFen", List.of(ValidationRule.AMOUNT_ORDER)),
            "DisabilityCertified", Map.of("fact.grade", List.of(ValidationRule.OUT_OF_RANGE)));

    private static Map<String, List<ValidationRule>> household() {
        Map<String, List<ValidationRule>> rules = new java.util.LinkedHashMap<>();
        rules.put("subject", List.of(ValidationRule.SUBJECT_KIND));
        rules.put("communityCode", List.of(ValidationRule.COMMUNITY_CODE_MISMATCH));
        rules.put("fact.members", List.of(ValidationRule.REQUIRED, ValidationRule.HOUSEHOLD_HEAD));
        rules.put("fact.members[].identity.identityNumber", List.of(ValidationRule.DUPLICATE_MEMBER));
        rules.put("fact.members[].birthDate", List.of(ValidationRule.BIRTH_DATE_MISMATCH));
        rules.put("fact.members[].sex", List.of(ValidationRule.SEX_MISMATCH));
        return java.util.Collections.unmodifiableMap(rules);
    }

    private final Clock clock;
    private final CommunityDirectory communities;
    private final Duration allowedClockSkew;

    /** A validator that allows no clock skew: a time one millisecond ahead of {@code clock} is in the future. */
    public EventValidator(Clock clock, CommunityDirectory communities) {
        this(clock, communities, Duration.ZERO);
    }

    /**
     * @param allowedClockSkew how far ahead of {@code clock} a department's timestamp may be before it counts as in
     *     the future (departments' clocks drift); not negative
     */
    public EventValidator(Clock clock, CommunityDirectory communities, Duration allowedClockSkew) {
        if (allowedClockSkew.isNegative()) {
            throw new IllegalArgumentException("allowed clock skew must not be negative: " + allowedClockSkew);
        }
        this.clock = clock;
        this.communities = communities;
        this.allowedClockSkew = allowedClockSkew;
    }

    /** Every violation of {@code event}, in field order; empty when the event is valid. */
    public List<Violation> validate(DepartmentEvent event) {
        Check check = new Check(clock.instant());
        check.record(event, "");
        check.envelope(event);
        check.fact(event);
        return List.copyOf(check.violations);
    }

    /** The state of one validation: the time it runs at, what it found, the identity numbers it parsed. */
    private final class Check {

        private final Instant latestAllowedTime;
        private final LocalDate today;
        private final Clock fixedClock;
        private final List<Violation> violations = new ArrayList<>();
        private final Map<IndexedRecord, ResidentIdentityNumber> identities = new IdentityHashMap<>();

        Check(Instant now) {
            this.latestAllowedTime = now.plus(allowedClockSkew);
            this.today = LocalDate.ofInstant(now, CHINA);
            this.fixedClock = Clock.fixed(now, CHINA);
        }

        void record(IndexedRecord record, String path) {
            Schema schema = record.getSchema();
            if (schema.getFullName().equals(RESIDENT_IDENTITY)) {
                identity(record, path);
                return;
            }
            for (Schema.Field field : schema.getFields()) {
                value(field.schema(), record.get(field.pos()), join(path, field.name()), field.name(), schema, true);
            }
            if (record instanceof Member member) {
                member(member, path);
            }
        }

        private void value(
                Schema schema, @Nullable Object value, String path, String name, Schema owner, boolean required) {
            if (schema.getType() == Schema.Type.UNION) {
                if (value == null) {
                    if (!schema.isNullable()) {
                        add(path, ValidationRule.REQUIRED, null);
                    }
                    return;
                }
                value(branch(schema, value), value, path, name, owner, !schema.isNullable());
                return;
            }
            if (value == null) {
                if (schema.getType() != Schema.Type.NULL) {
                    add(path, ValidationRule.REQUIRED, null);
                }
                return;
            }
            switch (schema.getType()) {
                case RECORD -> record((IndexedRecord) value, path);
                case ARRAY -> {
                    int index = 0;
                    for (Object item : (Collection<?>) value) {
                        value(schema.getElementType(), item, path + "[" + index++ + "]", name, owner, true);
                    }
                }
                case MAP ->
                    ((Map<?, ?>) value)
                            .forEach((key, item) ->
                                    value(schema.getValueType(), item, path + "['" + key + "']", name, owner, true));
                case ENUM -> symbol(schema, value.toString(), path, owner.getName() + "." + name);
                case STRING -> string(value.toString(), path, owner.getName() + "." + name, required);
                case INT, LONG -> number(schema, value, path, name, owner);
                default -> {
                    // booleans, floats and bytes have no meaning rules yet
                }
            }
        }

        private void identity(IndexedRecord identity, String path) {
            String numberPath = join(path, "identityNumber");
            Object number = identity.get(0);
            if (number == null || number.toString().isBlank()) {
                add(numberPath, ValidationRule.REQUIRED, null);
                return;
            }
            try {
                identities.put(identity, ResidentIdentityNumber.parse(number.toString(), fixedClock));
            } catch (InvalidIdentityNumberException invalid) {
                // a control character is the more specific rule: the number is not mistyped, it holds a character no
                // text may hold (shown masked as a whole: a masker of text cannot see a number it splits)
                add(
                        numberPath,
                        ControlCharacters.foundIn(number.toString())
                                ? ValidationRule.CONTROL_CHARACTER
                                : ValidationRule.of(invalid.rule()),
                        invalid.maskedValue());
            }
        }

        private void symbol(Schema schema, String symbol, String path, String field) {
            if (!schema.hasEnumSymbol(symbol)
                    || (symbol.equals(schema.getEnumDefault()) && DEFAULT_SYMBOL_NOT_ALLOWED.contains(field))) {
                add(path, ValidationRule.ENUM_UNKNOWN, symbol);
            }
        }

        private void string(String value, String path, String field, boolean required) {
            if (ControlCharacters.foundIn(value)) {
                add(path, ValidationRule.CONTROL_CHARACTER, value);
                return;
            }
            if (value.isBlank()) {
                if (required) {
                    add(path, ValidationRule.REQUIRED, value);
                }
                return;
            }
            if (KEYS.contains(field) && !ResidentIdentityNumber.maskAllIn(value).equals(value)) {
                add(path, ValidationRule.IDENTITY_NUMBER_IN_KEY, value);
            }
            if (field.endsWith(".communityCode")) {
                if (!COMMUNITY_CODE.matcher(value).matches()) {
                    add(path, ValidationRule.COMMUNITY_CODE_FORMAT, value);
                } else if (!communities.isKnown(value)) {
                    add(path, ValidationRule.COMMUNITY_CODE_UNKNOWN, value);
                }
            }
        }

        private void number(Schema schema, Object value, String path, String name, Schema owner) {
            LogicalType logicalType = schema.getLogicalType();
            String logicalName = logicalType == null ? "" : logicalType.getName();
            if (logicalName.equals("timestamp-millis")) {
                Instant time = value instanceof Instant instant ? instant : Instant.ofEpochMilli((Long) value);
                if (time.isAfter(latestAllowedTime)) {
                    add(path, ValidationRule.TIME_IN_FUTURE, time.toString());
                } else if (time.isBefore(EARLIEST_TIME)) {
                    add(path, ValidationRule.TIME_TOO_EARLY, time.toString());
                }
            } else if (logicalName.equals("date")) {
                LocalDate date = value instanceof LocalDate local ? local : LocalDate.ofEpochDay((Integer) value);
                if (date.isAfter(today) && !FUTURE_DATES_ALLOWED.contains(owner.getName() + "." + name)) {
                    add(path, ValidationRule.DATE_IN_FUTURE, date.toString());
                }
            } else if (value instanceof Number number && number.longValue() < 0) {
                if (name.endsWith("Fen")) {
                    add(path, ValidationRule.AMOUNT_NEGATIVE, number.toString());
                } else if (name.endsWith("Days") || name.startsWith("months")) {
                    add(path, ValidationRule.COUNT_NEGATIVE, number.toString());
                }
            }
        }

        void envelope(DepartmentEvent event) {
            if (event.getOccurredAt() != null
                    && event.getReportedAt() != null
                    && event.getOccurredAt().isAfter(event.getReportedAt())) {
                add(
                        "occurredAt",
                        ValidationRule.OCCURRED_AFTER_REPORTED,
                        event.getOccurredAt() + " > " + event.getReportedAt());
            }
        }

        void fact(DepartmentEvent event) {
            Object fact = event.getFact();
            if (fact instanceof HouseholdRegistered registered) {
                household(event, registered.getCommunityCode(), registered.getMembers());
            } else if (fact instanceof HouseholdChanged changed) {
                household(event, changed.getCommunityCode(), changed.getMembers());
            } else if (fact instanceof MemberJoined
                    || fact instanceof MemberLeft
                    || fact instanceof EconomicCheckDone) {
                householdSubject(event);
            } else if (fact instanceof AssistanceGranted granted) {
                grant(granted);
            } else if (fact instanceof MedicalExpenseSettled settled
                    && settled.getOutOfPocketFen() > settled.getTotalFen()) {
                add(
                        "fact.outOfPocketFen",
                        ValidationRule.AMOUNT_ORDER,
                        settled.getOutOfPocketFen() + " > totalFen " + settled.getTotalFen());
            } else if (fact instanceof DisabilityCertified certified
                    && (certified.getGrade() < 1 || certified.getGrade() > 4)) {
                add("fact.grade", ValidationRule.OUT_OF_RANGE, Integer.toString(certified.getGrade()));
            }
        }

        private void household(DepartmentEvent event, @Nullable String communityCode, @Nullable List<Member> members) {
            householdSubject(event);
            if (event.getCommunityCode() != null
                    && communityCode != null
                    && !event.getCommunityCode().equals(communityCode)) {
                add(
                        "communityCode",
                        ValidationRule.COMMUNITY_CODE_MISMATCH,
                        event.getCommunityCode() + " ≠ fact.communityCode " + communityCode);
            }
            if (members == null) {
                return;
            }
            if (members.isEmpty()) {
                add("fact.members", ValidationRule.REQUIRED, "[]");
                return;
            }
            long heads = members.stream()
                    .filter(member -> member != null && member.getRelationToHead() == RelationToHead.HEAD)
                    .count();
            if (heads != 1) {
                add("fact.members", ValidationRule.HOUSEHOLD_HEAD, heads + " members with relationToHead HEAD");
            }
            Map<ResidentIdentityNumber, Integer> seen = new HashMap<>();
            for (int index = 0; index < members.size(); index++) {
                Member member = members.get(index);
                ResidentIdentityNumber number = member == null ? null : identities.get(member.getIdentity());
                if (number != null && seen.putIfAbsent(number, index) != null) {
                    add(
                            "fact.members[" + index + "].identity.identityNumber",
                            ValidationRule.DUPLICATE_MEMBER,
                            number.masked() + " = fact.members[" + seen.get(number) + "]");
                }
            }
        }

        private void householdSubject(DepartmentEvent event) {
            if (event.getSubject() != null && !(event.getSubject() instanceof HouseholdNumber)) {
                add("subject", ValidationRule.SUBJECT_KIND, "a resident identity where a household number is needed");
            }
        }

        private void grant(AssistanceGranted granted) {
            if (granted.getMonthlyAmountFen() == null && granted.getOneOffAmountFen() == null) {
                add("fact.monthlyAmountFen", ValidationRule.REQUIRED, null);
            }
            if (granted.getEndDate() != null
                    && granted.getStartDate() != null
                    && granted.getEndDate().isBefore(granted.getStartDate())) {
                add(
                        "fact.endDate",
                        ValidationRule.DATE_ORDER,
                        granted.getEndDate() + " < startDate " + granted.getStartDate());
            }
        }

        private void member(Member member, String path) {
            ResidentIdentityNumber number = member.getIdentity() == null ? null : identities.get(member.getIdentity());
            if (number == null) {
                return;
            }
            if (member.getBirthDate() != null && !member.getBirthDate().equals(number.birthDate())) {
                add(
                        join(path, "birthDate"),
                        ValidationRule.BIRTH_DATE_MISMATCH,
                        member.getBirthDate().toString());
            }
            if (member.getSex() != null
                    && !member.getSex().name().equals(UNKNOWN_SYMBOL)
                    && member.getSex() != number.sex()) {
                add(
                        join(path, "sex"),
                        ValidationRule.SEX_MISMATCH,
                        member.getSex().name());
            }
        }

        private void add(String path, ValidationRule rule, @Nullable String offendingValue) {
            violations.add(new Violation(
                    ControlCharacters.escaped(path), rule, offendingValue == null ? null : shown(offendingValue)));
        }
    }

    private static String shown(String value) {
        String masked = ControlCharacters.escaped(ResidentIdentityNumber.maskAllIn(value));
        return masked.length() <= MAX_OFFENDING_VALUE ? masked : masked.substring(0, MAX_OFFENDING_VALUE) + "…";
    }

    /**
     * The branch of {@code union} that holds {@code value}: resolved once per union and kind of value (a record's
     * name, else the value's class), then looked up.
     */
    private static Schema branch(Schema union, Object value) {
        Object kind = value instanceof IndexedRecord record ? record.getSchema().getFullName() : value.getClass();
        return BRANCHES.computeIfAbsent(union, u -> new ConcurrentHashMap<>())
                .computeIfAbsent(kind, k -> resolve(union, value));
    }

    private static Schema resolve(Schema union, Object value) {
        if (value instanceof IndexedRecord record) {
            String name = record.getSchema().getFullName();
            for (Schema candidate : union.getTypes()) {
                if (candidate.getType() == Schema.Type.RECORD
                        && candidate.getFullName().equals(name)) {
                    return candidate;
                }
            }
        }
        return union.getTypes().stream()
                .filter(candidate -> candidate.getType() != Schema.Type.NULL)
                .filter(candidate -> !(value instanceof IndexedRecord) || candidate.getType() == Schema.Type.RECORD)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no branch of " + union + " holds the value's type"));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
