package org.zhengce.intake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.intake.identity.IdentityNumbers.CLOCK;
import static org.zhengce.intake.identity.IdentityNumbers.HEAD;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.zhengce.events.PersonPseudonym;

class PseudonymiserTest {

    /** Bytes 0, 1, ..., 31: a fixed, obviously fake secret. */
    static final byte[] SECRET_1 = sequence(0);

    static final byte[] SECRET_2 = sequence(100);

    private final ResidentIdentityNumber head = ResidentIdentityNumber.parse(HEAD, CLOCK);

    @Test
    void pseudonymIsHmacSha256OfTheNormalisedNumberAsLowerCaseHex() {
        Pseudonymiser pseudonymiser = new Pseudonymiser(Map.of("k1", SECRET_1), "k1");

        // expected values computed independently (Python hmac) for the same key and number
        assertThat(pseudonymiser.pseudonymise(head))
                .isEqualTo(
                        new PersonPseudonym("k1", "3c595f6b609471d349411cbc178d5e54f5351d74c30000ee29a41edd371cdf08"));
        assertThat(pseudonymiser
                        .pseudonymise(ResidentIdentityNumber.parse("11010519491231002x", CLOCK))
                        .getValue())
                .isEqualTo("a66755453b106dcea0cfa264214ae59ff1e8b067f3e5f3aa8085e1d8757880eb");
    }

    @Test
    void theDefaultSuiteKeepsEveryPseudonymAndTheSmSuiteMakesOthers() {
        Pseudonymiser standard = Pseudonymiser.fromBase64Secrets(
                org.zhengce.kit.crypto.CryptoSuite.STANDARD,
                Map.of("k1", Base64.getEncoder().encodeToString(SECRET_1)),
                "k1");
        Pseudonymiser sm = new Pseudonymiser(org.zhengce.kit.crypto.CryptoSuite.SM, Map.of("k1", SECRET_1), "k1");

        // the pseudonym intake made before the kit's crypto, under the same key
        assertThat(standard.pseudonymise(head).getValue())
                .isEqualTo("3c595f6b609471d349411cbc178d5e54f5351d74c30000ee29a41edd371cdf08");
        assertThat(sm.pseudonymise(head).getValue())
                .hasSize(64)
                .isNotEqualTo(standard.pseudonymise(head).getValue());
    }

    @Test
    void sameNumberAndKeyGiveSamePseudonym() {
        Pseudonymiser one = new Pseudonymiser(Map.of("k1", SECRET_1), "k1");
        Pseudonymiser other = new Pseudonymiser(Map.of("k1", SECRET_1.clone()), "k1");

        assertThat(one.pseudonymise(head)).isEqualTo(one.pseudonymise(ResidentIdentityNumber.parse(HEAD, CLOCK)));
        assertThat(one.pseudonymise(head)).isEqualTo(other.pseudonymise(head));
    }

    @Test
    void differentNumbersOrKeysGiveDifferentPseudonyms() {
        Pseudonymiser first = new Pseudonymiser(Map.of("k1", SECRET_1), "k1");
        Pseudonymiser second = new Pseudonymiser(Map.of("k1", SECRET_2), "k1");
        ResidentIdentityNumber spouse = ResidentIdentityNumber.parse(IdentityNumbers.SPOUSE, CLOCK);

        assertThat(first.pseudonymise(head).getValue())
                .isNotEqualTo(first.pseudonymise(spouse).getValue());
        assertThat(first.pseudonymise(head).getValue())
                .isNotEqualTo(second.pseudonymise(head).getValue());
    }

    @Test
    void rotatedKeyGivesNewKeyIdForNewEvents() {
        Pseudonymiser beforeRotation = new Pseudonymiser(Map.of("k2026-01", SECRET_1), "k2026-01");
        Pseudonymiser afterRotation = new Pseudonymiser(Map.of("k2026-01", SECRET_1, "k2027-01", SECRET_2), "k2027-01");

        PersonPseudonym old = beforeRotation.pseudonymise(head);
        PersonPseudonym rotated = afterRotation.pseudonymise(head);

        assertThat(old.getKeyId()).isEqualTo("k2026-01");
        assertThat(rotated.getKeyId()).isEqualTo("k2027-01");
        assertThat(rotated.getValue()).isNotEqualTo(old.getValue());
        assertThat(afterRotation.pseudonymise(head, "k2026-01")).isEqualTo(old);
        assertThat(afterRotation.keyIds()).containsExactlyInAnyOrder("k2026-01", "k2027-01");
    }

    @Test
    void secretShorterThan32BytesFailsNamingTheKeyId() {
        assertThatThrownBy(() -> new Pseudonymiser(Map.of("k-short", new byte[31]), "k-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k-short'")
                .hasMessageContaining("31 bytes");
    }

    @Test
    void activeKeyIdMustBeConfigured() {
        assertThatThrownBy(() -> new Pseudonymiser(Map.of("k1", SECRET_1), "k2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k2'");
        assertThatThrownBy(() -> new Pseudonymiser(Map.of(), "k1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no pseudonym key");
    }

    @Test
    void unknownKeyIdForReKeyingIsRejected() {
        Pseudonymiser pseudonymiser = new Pseudonymiser(Map.of("k1", SECRET_1), "k1");

        assertThatThrownBy(() -> pseudonymiser.pseudonymise(head, "k0")).hasMessageContaining("'k0'");
    }

    @Test
    void keyIdWithSpacesIsRejected() {
        assertThatThrownBy(() -> new Pseudonymiser(Map.of("key one", SECRET_1), "key one"))
                .hasMessageContaining("'key one'");
    }

    @Test
    void generatedLocalKeyIsAccepted() {
        byte[] generated = Pseudonymiser.generateLocalKey();

        assertThat(generated).hasSize(Pseudonymiser.MIN_SECRET_BYTES);
        assertThat(new Pseudonymiser(Map.of("local", generated), "local")
                        .pseudonymise(head)
                        .getValue())
                .hasSize(64);
    }

    @Test
    void base64SecretIsDecodedAndBadBase64NamesTheKey() {
        String base64 = Base64.getEncoder().encodeToString(SECRET_1);

        assertThat(Pseudonymiser.decodeSecret("k1", base64)).isEqualTo(SECRET_1);
        assertThatThrownBy(() -> Pseudonymiser.decodeSecret("k1", "not base64!"))
                .hasMessageContaining("'k1'");
    }

    @Test
    void pseudonymiserFromBase64ConfigurationMatchesTheRawSecret() {
        Pseudonymiser fromText =
                Pseudonymiser.fromBase64Secrets(Map.of("k1", Base64.getEncoder().encodeToString(SECRET_1)), "k1");

        assertThat(fromText.pseudonymise(head))
                .isEqualTo(new Pseudonymiser(Map.of("k1", SECRET_1), "k1").pseudonymise(head));
        assertThatThrownBy(() -> Pseudonymiser.fromBase64Secrets(Map.of("k-short", "c2hvcnQ="), "k-short"))
                .hasMessageContaining("'k-short'");
    }

    @Test
    void printingShowsKeyIdsButNoSecret() {
        Pseudonymiser pseudonymiser = new Pseudonymiser(Map.of("k1", SECRET_1), "k1");

        assertThat(pseudonymiser.toString())
                .contains("k1")
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET_1));
    }

    @Test
    void concurrentCallersGetTheSamePseudonyms() throws Exception {
        Pseudonymiser pseudonymiser = new Pseudonymiser(Map.of("k1", SECRET_1), "k1");
        List<ResidentIdentityNumber> numbers = List.of(
                head,
                ResidentIdentityNumber.parse(IdentityNumbers.SPOUSE, CLOCK),
                ResidentIdentityNumber.parse(IdentityNumbers.CHILD, CLOCK));
        List<PersonPseudonym> expected =
                numbers.stream().map(pseudonymiser::pseudonymise).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<PersonPseudonym>>> results = IntStream.range(0, 8)
                    .mapToObj(task -> pool.submit(() -> IntStream.range(0, 2_000)
                            .mapToObj(i -> pseudonymiser.pseudonymise(numbers.get(i % 3)))
                            .toList()))
                    .toList();
            for (Future<List<PersonPseudonym>> result : results) {
                List<PersonPseudonym> pseudonyms = result.get();
                for (int i = 0; i < pseudonyms.size(); i++) {
                    assertThat(pseudonyms.get(i)).isEqualTo(expected.get(i % 3));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] sequence(int start) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (start + i);
        }
        return secret;
    }
}
