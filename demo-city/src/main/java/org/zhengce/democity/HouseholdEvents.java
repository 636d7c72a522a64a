package org.zhengce.democity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.ResidentIdentity;

/**
 * Department events as intake would publish them on {@code household.events}: each identity replaced by a keyed
 * pseudonym (HMAC-SHA256, 64 hex characters, as intake's {@code Pseudonymiser} makes them, with a fixed demo key), the
 * platform event id a name-based UUID of (department, event id). For benchmarks that feed scoring without intake. Not
 * thread-safe (one {@link Mac}); make one per thread.
 */
public final class HouseholdEvents {

    /** The key id of the demo pseudonyms. */
    public static final String KEY_ID = "demo-k1";

    private final Mac mac;
    private final HexFormat hex = HexFormat.of();

    public HouseholdEvents() {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    "demo-city pseudonym key, not a secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    public HouseholdEvent of(DepartmentEvent event) {
        Object subject = event.getSubject() instanceof ResidentIdentity identity
                ? pseudonym(identity.getIdentityNumber())
                : new HouseholdNumber(((HouseholdNumber) event.getSubject()).getValue());
        Object fact = event.getFact();
        if (fact instanceof HouseholdRegistered registered) {
            List<org.zhengce.events.Member> members =
                    registered.getMembers().stream().map(this::member).toList();
            fact = new org.zhengce.events.HouseholdRegistered(
                    registered.getCommunityCode(),
                    registered.getAddress(),
                    registered.getHeadName(),
                    registered.getPhone(),
                    members);
        }
        return HouseholdEvent.newBuilder()
                .setEventId(event.getEventId())
                .setDepartment(event.getDepartment())
                .setOccurredAt(event.getOccurredAt())
                .setReportedAt(event.getReportedAt())
                .setSubject(subject)
                .setPlatformEventId(
                        UUID.nameUUIDFromBytes((event.getDepartment().name() + "/" + event.getEventId())
                                        .getBytes(StandardCharsets.UTF_8))
                                .toString())
                .setCommunityCode(event.getCommunityCode())
                .setFact(fact)
                .build();
    }

    /** The pseudonym of an identity number. */
    public PersonPseudonym pseudonym(String identityNumber) {
        byte[] digest = mac.doFinal(identityNumber.getBytes(StandardCharsets.UTF_8));
        return new PersonPseudonym(KEY_ID, hex.formatHex(digest));
    }

    private org.zhengce.events.Member member(Member member) {
        return new org.zhengce.events.Member(
                pseudonym(member.getIdentity().getIdentityNumber()),
                member.getRelationToHead(),
                member.getBirthDate(),
                member.getSex());
    }
}
