package org.zhengce.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SealerTests {

    private static final byte[] RECORD = "rejection 1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD =
            "{\"identityNumber\":\"11010519491231002X\"}".getBytes(StandardCharsets.UTF_8);

    private static byte[] key(CryptoSuite suite, int start) {
        byte[] key = new byte[suite.sealingKeyBytes()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (start + i);
        }
        return key;
    }

    private static Sealer sealer(CryptoSuite suite, Map<String, byte[]> keys, String active) {
        return new Sealer(suite, new KeyRing("test.sealing-keys", keys, active));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void sealedBytesOpenForTheirRecordAndShowNothing(CryptoSuite suite) {
        Sealer sealer = sealer(suite, Map.of("s1", key(suite, 1)), "s1");

        Sealer.Sealed sealed = sealer.seal(RECORD, PAYLOAD);

        assertThat(sealed.keyId()).isEqualTo("s1");
        assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("19491231002X");
        assertThat(sealer.open(RECORD, sealed)).isEqualTo(PAYLOAD);
        assertThat(sealer.seal(RECORD, PAYLOAD)).isNotEqualTo(sealed); // a fresh nonce each time
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void tamperedBytesAreRefused(CryptoSuite suite) {
        Sealer sealer = sealer(suite, Map.of("s1", key(suite, 1)), "s1");
        byte[] bytes = sealer.seal(RECORD, PAYLOAD).bytes();
        bytes[20] ^= 1;

        assertThatThrownBy(() -> sealer.open(RECORD, new Sealer.Sealed("s1", bytes)))
                .isInstanceOf(SealNotOpenedException.class)
                .hasMessageContaining("'s1'")
                .hasMessageContaining("do not open");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void bytesOfAnotherRecordAreRefused(CryptoSuite suite) {
        Sealer sealer = sealer(suite, Map.of("s1", key(suite, 1)), "s1");
        Sealer.Sealed sealed = sealer.seal(RECORD, PAYLOAD);

        assertThatThrownBy(() -> sealer.open("rejection 2".getBytes(StandardCharsets.US_ASCII), sealed))
                .isInstanceOf(SealNotOpenedException.class);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aWrongOrMissingKeyIsRefused(CryptoSuite suite) {
        Sealer.Sealed sealed = sealer(suite, Map.of("s1", key(suite, 1)), "s1").seal(RECORD, PAYLOAD);

        assertThatThrownBy(() ->
                        sealer(suite, Map.of("s1", key(suite, 50)), "s1").open(RECORD, sealed))
                .isInstanceOf(SealNotOpenedException.class);
        assertThatThrownBy(() ->
                        sealer(suite, Map.of("s2", key(suite, 1)), "s2").open(RECORD, sealed))
                .isInstanceOf(SealNotOpenedException.class)
                .hasMessageContaining("'s1', which is no longer configured");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aNewActiveKeySealsNewDataWhileTheOldOneStillOpens(CryptoSuite suite) {
        Sealer.Sealed old = sealer(suite, Map.of("s1", key(suite, 1)), "s1").seal(RECORD, PAYLOAD);
        Sealer rotated = sealer(suite, Map.of("s1", key(suite, 1), "s2", key(suite, 60)), "s2");

        assertThat(rotated.seal(RECORD, PAYLOAD).keyId()).isEqualTo("s2");
        assertThat(rotated.open(RECORD, old)).isEqualTo(PAYLOAD);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aKeyOfTheWrongLengthNamesItsIdAndTheSuite(CryptoSuite suite) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> sealer(suite, Map.of("s1", new byte[suite.sealingKeyBytes() + 1]), "s1"))
                .withMessageContaining("test.sealing-keys.s1 must be " + suite.sealingKeyBytes() + " bytes");
    }

    @org.junit.jupiter.api.Test
    void standardSealsAsAes256GcmWithTheNonceFirst() throws Exception {
        byte[] key = key(CryptoSuite.STANDARD, 1);
        Sealer.Sealed sealed =
                sealer(CryptoSuite.STANDARD, Map.of("s1", key), "s1").seal(RECORD, PAYLOAD);
        byte[] bytes = sealed.bytes();

        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, bytes, 0, 12));
        aes.updateAAD(RECORD);
        assertThat(aes.doFinal(bytes, 12, bytes.length - 12)).isEqualTo(PAYLOAD);
    }
}
