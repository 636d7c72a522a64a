package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.zhengce.intake.TestKeys;
import org.zhengce.kit.crypto.CryptoSuite;

/** A wrong key setting fails start-up with the property's name and what to set. */
class PipelineSettingsTest {

    private static PipelineSettings settings(Map<String, String> sealingKeys, String keyId) {
        return new PipelineSettings(
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                Duration.ofSeconds(30),
                new ClassPathResource("communities.txt"),
                sealingKeys,
                keyId,
                Map.of("d1", TestKeys.DIGEST_KEY),
                "d1",
                CryptoSuite.STANDARD);
    }

    @Test
    void missingSealingKeyNamesThePropertyAndTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(Map.of("s1", ""), "s1"))
                .withMessageContaining("intake.pipeline.sealing-keys.s1 is not set")
                .withMessageContaining("INTAKE_SEALING_KEY");
    }

    @Test
    void emptyEntriesAreNoKeysAndTheActiveOneIsKept() {
        PipelineSettings settings = settings(Map.of("s1", "", "local1", TestKeys.SEALING_KEY), "local1");
        assertThat(settings.sealingKeys()).containsOnlyKeys("local1");
    }

    @Test
    void relayMustWaitLongerThanASend() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PipelineSettings(
                        Duration.ZERO,
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(30),
                        new ClassPathResource("communities.txt"),
                        Map.of("s1", TestKeys.SEALING_KEY),
                        "s1",
                        Map.of("d1", TestKeys.DIGEST_KEY),
                        "d1",
                        CryptoSuite.STANDARD))
                .withMessageContaining("intake.pipeline.relay-after");
    }

    @Test
    void missingPseudonymKeyNamesThePropertyAndTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PseudonymSettings(Map.of("k1", " "), "k1"))
                .withMessageContaining("intake.pseudonyms.keys.k1 is not set")
                .withMessageContaining("INTAKE_PSEUDONYM_KEY");
    }

    @Test
    void sealedPayloadOpensOnlyForItsRejection() {
        PayloadSealer sealer = new PayloadSealer(Map.of("s1", TestKeys.SEALING_KEY), "s1");
        java.util.UUID id = java.util.UUID.randomUUID();
        byte[] payload =
                "{\"identityNumber\":\"11010519491231002X\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PayloadSealer.Sealed sealed = sealer.seal(id, payload);
        assertThat(new String(sealed.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("19491231002X");
        assertThat(sealer.open(id, sealed)).isEqualTo(payload);
        assertThatIllegalStateExceptionOpeningUnder(sealer, sealed);
    }

    private static void assertThatIllegalStateExceptionOpeningUnder(PayloadSealer sealer, PayloadSealer.Sealed sealed) {
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> sealer.open(java.util.UUID.randomUUID(), sealed))
                .withMessageContaining("does not open");
    }
}
