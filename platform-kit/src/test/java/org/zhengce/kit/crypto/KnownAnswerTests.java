package org.zhengce.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The suites' algorithms give the standards' published answers, from the provider the kit uses. */
class KnownAnswerTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sm3OfAbcIsTheExampleOfGbT32905() {
        assertThat(HEX.formatHex(CryptoSuite.SM.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm3OfSixtyFourBytesIsTheSecondExampleOfGbT32905() {
        assertThat(HEX.formatHex(CryptoSuite.SM.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void sm4BlockIsTheExampleOfGbT32907() throws Exception {
        byte[] keyAndPlaintext = HEX.parseHex("0123456789abcdeffedcba9876543210");
        Cipher sm4 = Cipher.getInstance("SM4/ECB/NoPadding", CryptoSuite.SM.provider());
        sm4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndPlaintext, "SM4"));

        assertThat(HEX.formatHex(sm4.doFinal(keyAndPlaintext))).isEqualTo("681edf34d206965e86b3e94f536e4246");
    }

    @Test
    void hmacSha256IsRfc4231TestCase6() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        KeyedHash hash = new KeyedHash(CryptoSuite.STANDARD, new KeyRing("test key", Map.of("k1", key), "k1"));

        assertThat(HEX.formatHex(hash.hash("Test Using Larger Than Block-Size Key - Hash Key First"
                                .getBytes(StandardCharsets.US_ASCII))
                        .bytes()))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void hmacSm3IsRfc2104OverSm3() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        byte[] message = "abc".getBytes(StandardCharsets.US_ASCII);
        KeyedHash hash = new KeyedHash(CryptoSuite.SM, new KeyRing("test key", Map.of("k1", key), "k1"));

        assertThat(hash.hash(message).bytes()).isEqualTo(rfc2104(key, message));
    }

    @Test
    void theSmProviderIsNeverRegisteredGlobally() {
        CryptoSuite.SM.digest(new byte[1]);

        assertThat(Security.getProvider("BC")).isNull();
    }

    /** HMAC written out (RFC 2104) over SM3, block 64 bytes, for a key no longer than the block. */
    private static byte[] rfc2104(byte[] key, byte[] message) {
        byte[] inner = new byte[64 + message.length];
        byte[] outer = new byte[64 + 32];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        System.arraycopy(message, 0, inner, 64, message.length);
        System.arraycopy(CryptoSuite.SM.digest(inner), 0, outer, 64, 32);
        return CryptoSuite.SM.digest(outer);
    }
}
