package org.zhengce.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyedHashTests {

    private static final byte[] DATA = "event 1".getBytes(StandardCharsets.US_ASCII);

    private static byte[] secret(int start) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (start + i);
        }
        return secret;
    }

    private static KeyedHash hash(CryptoSuite suite, Map<String, byte[]> secrets, String active) {
        return new KeyedHash(suite, new KeyRing("test key", secrets, active));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aTagVerifiesOnlyItsDataUnderItsKey(CryptoSuite suite) {
        KeyedHash hash = hash(suite, Map.of("k1", secret(0)), "k1");

        KeyedHash.Tag tag = hash.hash(DATA);

        assertThat(tag.keyId()).isEqualTo("k1");
        assertThat(tag.bytes()).hasSize(32);
        assertThat(hash.verify(tag, DATA)).isTrue();
        assertThat(hash.verify(tag, "event 2".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(hash(suite, Map.of("k1", secret(50)), "k1").verify(tag, DATA))
                .isFalse();
        assertThat(hash(suite, Map.of("k2", secret(0)), "k2").verify(tag, DATA)).isFalse();
    }

    @Test
    void theSuitesGiveDifferentTags() {
        assertThat(hash(CryptoSuite.SM, Map.of("k1", secret(0)), "k1").hash(DATA))
                .isNotEqualTo(hash(CryptoSuite.STANDARD, Map.of("k1", secret(0)), "k1")
                        .hash(DATA));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aNewActiveKeyHashesNewDataWhileOldTagsStillVerify(CryptoSuite suite) {
        KeyedHash.Tag old = hash(suite, Map.of("k1", secret(0)), "k1").hash(DATA);
        KeyedHash rotated = hash(suite, Map.of("k1", secret(0), "k2", secret(70)), "k2");

        assertThat(rotated.hash(DATA).keyId()).isEqualTo("k2");
        assertThat(rotated.hash(DATA)).isNotEqualTo(old);
        assertThat(rotated.verify(old, DATA)).isTrue();
        assertThat(rotated.keyIds()).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void aShortSecretAnUnknownKeyAndABadIdAreNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> hash(CryptoSuite.STANDARD, Map.of("k-short", new byte[31]), "k-short"))
                .withMessageContaining("'k-short' has 31 bytes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> hash(CryptoSuite.STANDARD, Map.of("k1", secret(0)), "k1")
                        .hash("k0", DATA))
                .withMessageContaining("'k0'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> hash(CryptoSuite.STANDARD, Map.of("key one", secret(0)), "key one"))
                .withMessageContaining("'key one'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> hash(CryptoSuite.STANDARD, Map.of("k1", secret(0)), "k2"))
                .withMessageContaining("active test key id 'k2'");
    }

    @Test
    void base64SecretsAreDecodedAndBadOnesNamed() {
        KeyRing ring =
                KeyRing.fromBase64("test key", Map.of("k1", Base64.getEncoder().encodeToString(secret(0))), "k1");

        assertThat(new KeyedHash(CryptoSuite.STANDARD, ring).hash(DATA))
                .isEqualTo(hash(CryptoSuite.STANDARD, Map.of("k1", secret(0)), "k1")
                        .hash(DATA));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyRing.fromBase64("test key", Map.of("k1", "not base64!"), "k1"))
                .withMessageContaining("'k1' is not Base64");
    }

    @Test
    void printingShowsKeyIdsButNeitherSecretNorTag() {
        KeyedHash hash = hash(CryptoSuite.STANDARD, Map.of("k1", secret(0)), "k1");

        assertThat(hash.toString())
                .contains("k1")
                .doesNotContain(Base64.getEncoder().encodeToString(secret(0)));
        assertThat(hash.hash(DATA).toString()).isEqualTo("Tag[keyId=k1]");
    }
}
