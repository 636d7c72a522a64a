package org.zhengce.benchmarks.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.zhengce.democity.Community;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.IdentityNumbers;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.ResidentIdentity;

/**
 * What the demo city's departments send to intake, as {@link DepartmentEvent}s (identity numbers in clear, all
 * fictitious: region {@value #REGION}), for the intake cases: every household registered first, then the standing
 * records, then incidents over the year before {@code asOf}, every event one intake accepts (demo-city's tests check
 * them with intake's reader, validator and registry seed). Event ids hold the {@code batch} label, so a label used once
 * per round and run makes every event new to intake's ledger; the facts do not depend on it.
 */
public final class DepartmentFeed {

    /** The region code of every identity number: fictitious, so that no real person can be named. */
    public static final String REGION = IdentityNumbers.REGION;

    private DepartmentFeed() {}

    /**
     * {@code count} events of a city of {@code max(100, count / 8)} households from {@code seed}, every time before
     * {@code asOf}; equal arguments give equal lists.
     *
     * @param batch a label of letters, digits and dashes that makes the ids unique (e.g. run start and round); it must
     *     not hold a run of 17 digits or more, which intake would take for an identity number
     */
    public static List<DepartmentEvent> generate(long seed, int count, Instant asOf, String batch) {
        if (!batch.matches("[A-Za-z0-9-]{1,40}") || batch.matches(".*[0-9]{17}.*")) {
            throw new IllegalArgumentException("batch must be up to 40 letters, digits and dashes without a run of 17"
                    + " digits, was '" + batch + "'");
        }
        DemoCity city = DemoCity.builder()
                .seed(seed)
                .households(Math.max(100, count / 8))
                .build();
        return withCommunities(city.history(count, asOf, batch).toList());
    }

    /**
     * The same events, with the envelope's community filled in where the demo city's department left it out, from the
     * household's registration (for a person: the registration naming them). Intake checks an event about a household
     * it has not seen registered against the community its envelope names; a round's events go out on several
     * connections at once, so an incident may reach intake before its household's registration, and would be refused
     * {@code department.jurisdiction-scope} for want of one.
     */
    static List<DepartmentEvent> withCommunities(List<DepartmentEvent> events) {
        Map<String, String> communities = new HashMap<>();
        for (DepartmentEvent event : events) {
            if (event.getFact() instanceof HouseholdRegistered registered
                    && event.getSubject() instanceof HouseholdNumber household) {
                String community = registered.getCommunityCode();
                communities.put(household.getValue(), community);
                for (Member member : registered.getMembers()) {
                    communities.put(member.getIdentity().getIdentityNumber(), community);
                }
            }
        }
        for (DepartmentEvent event : events) {
            String subject = event.getSubject() instanceof HouseholdNumber household
                    ? household.getValue()
                    : ((ResidentIdentity) event.getSubject()).getIdentityNumber();
            String community = communities.get(subject);
            if (event.getCommunityCode() == null && community != null) {
                // the events are this call's own, freshly generated: set in place (a builder's copy would go through
                // Avro's class look-up, which the trusted-packages setting governs)
                event.setCommunityCode(community);
            }
        }
        return events;
    }

    /** The 12-digit codes of the demo city's communities (referral's demo directory), in order. */
    public static List<String> communityCodes() {
        return Community.DEMO.stream().map(Community::code).toList();
    }

    /**
     * A Kafka key as long as intake's: the household number, or for a person a 64-hex SHA-256 of the identity number,
     * standing in for intake's keyed pseudonym (HMAC-SHA256) so that no identity number is a key.
     */
    public static byte[] key(DepartmentEvent event) {
        if (event.getSubject() instanceof HouseholdNumber household) {
            return household.getValue().getBytes(StandardCharsets.UTF_8);
        }
        String identity = ((ResidentIdentity) event.getSubject()).getIdentityNumber();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** The GB 11643 check character of the first 17 digits. */
    public static char checkCharacter(String first17Digits) {
        return IdentityNumbers.checkCharacter(first17Digits);
    }
}
