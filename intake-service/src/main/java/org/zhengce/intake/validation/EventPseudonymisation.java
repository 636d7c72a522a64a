package org.zhengce.intake.validation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdChanged;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.MemberJoined;
import org.zhengce.intake.MemberLeft;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.Pseudonymiser;
import org.zhengce.intake.identity.ResidentIdentityNumber;
import org.zhengce.schemas.serde.GeneratedClassTrust;

/**
 * Turns a valid department event into the household event intake publishes: every resident identity (the subject,
 * household members, the member who joined or left) becomes its {@link PersonPseudonym}, facts without persons are
 * copied, and any identity number a department typed into free text (an address, a note) is masked. No identity
 * number in clear can reach the published record. Thread-safe.
 */
public final class EventPseudonymisation {

    private static final String PERSON_PSEUDONYM =
            PersonPseudonym.getClassSchema().getFullName();

    private final Pseudonymiser pseudonymiser;
    private final Clock clock;

    /** @param clock the clock the event was validated with (identity numbers are parsed again, birth date included) */
    public EventPseudonymisation(Pseudonymiser pseudonymiser, Clock clock) {
        this.pseudonymiser = pseudonymiser;
        this.clock = clock;
        // copying a shared fact (SpecificData.deepCopy) loads its generated class by name, which Avro 1.12.2 refuses
        // unless generated classes are trusted
        GeneratedClassTrust.install();
    }

    /**
     * The published form of an event and the free-text fields in which an identity number was masked, as paths in
     * the style of violations ({@code fact.address}, {@code fact.members[1].note}); never the value.
     */
    public record Pseudonymised(HouseholdEvent event, List<String> maskedFields) {

        public Pseudonymised {
            maskedFields = List.copyOf(maskedFields);
        }
    }

    /**
     * The published form of {@code event}, which must have passed {@link EventValidator}.
     *
     * @param platformEventId the id intake assigned to the event
     * @throws org.zhengce.intake.identity.InvalidIdentityNumberException if an identity number is invalid (masked)
     */
    public HouseholdEvent toHouseholdEvent(DepartmentEvent event, String platformEventId) {
        return pseudonymise(event, platformEventId).event();
    }

    /**
     * The published form of {@code event} and where identity numbers were masked in it.
     *
     * @throws org.zhengce.intake.identity.InvalidIdentityNumberException if an identity number is invalid (masked)
     */
    public Pseudonymised pseudonymise(DepartmentEvent event, String platformEventId) {
        HouseholdEvent published = HouseholdEvent.newBuilder()
                .setEventId(event.getEventId())
                .setDepartment(event.getDepartment())
                .setOccurredAt(event.getOccurredAt())
                .setReportedAt(event.getReportedAt())
                .setSubject(subject(event.getSubject()))
                .setPlatformEventId(platformEventId)
                .setCommunityCode(event.getCommunityCode())
                .setFact(fact(event.getFact()))
                .build();
        List<String> masked = new ArrayList<>();
        maskFreeText(published, "", masked);
        return new Pseudonymised(published, masked);
    }

    private Object subject(Object subject) {
        if (subject instanceof ResidentIdentity identity) {
            return pseudonym(identity);
        }
        HouseholdNumber household = (HouseholdNumber) subject;
        return new HouseholdNumber(household.getValue());
    }

    private Object fact(Object fact) {
        if (fact instanceof HouseholdRegistered registered) {
            return new org.zhengce.events.HouseholdRegistered(
                    registered.getCommunityCode(),
                    registered.getAddress(),
                    registered.getHeadName(),
                    registered.getPhone(),
                    members(registered.getMembers()));
        }
        if (fact instanceof HouseholdChanged changed) {
            return new org.zhengce.events.HouseholdChanged(
                    changed.getCommunityCode(),
                    changed.getAddress(),
                    changed.getHeadName(),
                    changed.getPhone(),
                    members(changed.getMembers()));
        }
        if (fact instanceof MemberJoined joined) {
            return new org.zhengce.events.MemberJoined(member(joined.getMember()), joined.getReason());
        }
        if (fact instanceof MemberLeft left) {
            return new org.zhengce.events.MemberLeft(pseudonym(left.getIdentity()), left.getReason());
        }
        // every other fact is the shared record, without persons: copy it so masking never touches the input
        SpecificRecordBase shared = (SpecificRecordBase) fact;
        return shared.getSpecificData().deepCopy(shared.getSchema(), shared);
    }

    private List<org.zhengce.events.Member> members(List<Member> members) {
        return members.stream().map(this::member).toList();
    }

    private org.zhengce.events.Member member(Member member) {
        return new org.zhengce.events.Member(
                pseudonym(member.getIdentity()), member.getRelationToHead(), member.getBirthDate(), member.getSex());
    }

    /**
     * The pseudonym {@code identity} is published under (with the active key).
     *
     * @throws org.zhengce.intake.identity.InvalidIdentityNumberException if its identity number is invalid (masked)
     */
    public PersonPseudonym pseudonymOf(ResidentIdentity identity) {
        return pseudonym(identity);
    }

    private PersonPseudonym pseudonym(ResidentIdentity identity) {
        return pseudonymiser.pseudonymise(ResidentIdentityNumber.parse(identity.getIdentityNumber(), clock));
    }

    /**
     * Masks identity numbers in every string of {@code record}, pseudonyms excepted, in place; adds the path of each
     * string that changed to {@code masked}.
     */
    private static void maskFreeText(IndexedRecord record, String path, List<String> masked) {
        if (record.getSchema().getFullName().equals(PERSON_PSEUDONYM)) {
            return;
        }
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            if (value instanceof CharSequence text) {
                record.put(field.pos(), masked(text, fieldPath, masked));
            } else if (value instanceof IndexedRecord nested) {
                maskFreeText(nested, fieldPath, masked);
            } else if (value instanceof List<?> items) {
                maskFreeText(items, fieldPath, masked);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void maskFreeText(List<?> items, String path, List<String> masked) {
        for (int index = 0; index < items.size(); index++) {
            Object item = items.get(index);
            String itemPath = path + "[" + index + "]";
            if (item instanceof CharSequence text) {
                ((List<Object>) items).set(index, masked(text, itemPath, masked));
            } else if (item instanceof IndexedRecord nested) {
                maskFreeText(nested, itemPath, masked);
            }
        }
    }

    private static String masked(CharSequence text, String path, List<String> masked) {
        String after = ResidentIdentityNumber.maskAllIn(text);
        if (!after.contentEquals(text)) {
            masked.add(path);
        }
        return after;
    }
}
