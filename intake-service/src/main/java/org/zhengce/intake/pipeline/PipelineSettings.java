package org.zhengce.intake.pipeline;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.zhengce.kit.crypto.CryptoSuite;

/**
 * The pipeline's settings ({@code intake.pipeline.*}).
 *
 * @param allowedClockSkew how far ahead of intake's clock a department's timestamp may be
 * @param publishTimeout how long a batch waits for Kafka's acknowledgement before answering "pending"
 * @param relayAfter how old an unpublished ledger row must be before the relay takes it (longer than any send)
 * @param relayInterval how often the relay looks
 * @param communities a fixed list of the known community codes, one per line ({@code #} comments; text after the
 *     code ignored), for intake running without referral's directory; unset (as deployed): the communities of the
 *     directory, read from the {@code jurisdictions} topic (ADR 0035)
 * @param sealingKeys key id → Base64 AES-256 key sealing rejected payloads (a Kubernetes Secret in production)
 * @param sealingKeyId the key new rejections are sealed with
 * @param digestKeys key id → Base64 secret (at least 32 bytes) of the idempotency digest: a keyed hash of the event,
 *     under its own secret (not the pseudonym key, not a sealing key), so a stored digest cannot be brute-forced
 * @param digestKeyId the key new events' digests are made with
 * @param cryptoSuite {@code standard} (HMAC-SHA256, AES-256-GCM) or {@code sm} (HMAC-SM3, SM4-GCM, for a commercial
 *     cryptography assessment, 密评): the suite of the pseudonyms, sealed payloads and digests (ADR 0011)
 * @param relayMaxRetryDelay the longest wait before the relay tries again a record whose send failed for a transient
 *     reason (the wait starts at {@code relayAfter} and doubles with each failure)
 * @param deadLetterMaxSize the largest dead letter put on {@code dept.events.dlq} as it is (value and headers): a
 *     larger one carries a reference to the sealed original and the start of the masked payload instead (below the
 *     producer's {@code max.request.size}, 1 MB by default)
 * @param groupsInFlight how many groups of concurrent requests may be claiming, publishing and marking at once; the
 *     requests that arrive meanwhile wait and form the next group (a group commit: one claim statement, one
 *     producer hand-off and one mark for all of them)
 * @param groupMaxEvents the most events one such group takes (a request with more goes alone)
 * @param contractRulesOnWrite whether intake's {@code household.events} writer also runs the data contract's domain
 *     rules (ADR 0029) on every record it writes; off by default: intake's validation refuses everything those rules
 *     refuse, earlier and with a rejection result ({@code ContractRulesParityTest}), and running them cost about a
 *     sixth of an NDJSON event's CPU (ADR 0018's amendment). The contract is still registered for other writers and
 *     readers.
 */
@ConfigurationProperties("intake.pipeline")
record PipelineSettings(
        @DefaultValue("5m") Duration allowedClockSkew,
        @DefaultValue("30s") Duration publishTimeout,
        @DefaultValue("2m") Duration relayAfter,
        @DefaultValue("30s") Duration relayInterval,
        @Nullable Resource communities,
        @DefaultValue Map<String, String> sealingKeys,
        @DefaultValue("") String sealingKeyId,
        @DefaultValue Map<String, String> digestKeys,
        @DefaultValue("") String digestKeyId,
        @DefaultValue("standard") CryptoSuite cryptoSuite,
        @DefaultValue("10m") Duration relayMaxRetryDelay,
        @DefaultValue("512KB") DataSize deadLetterMaxSize,
        @DefaultValue("4") int groupsInFlight,
        @DefaultValue("1000") int groupMaxEvents,
        @DefaultValue("false") boolean contractRulesOnWrite) {

    /** Settings with the default relay back-off and dead-letter size. */
    PipelineSettings(
            Duration allowedClockSkew,
            Duration publishTimeout,
            Duration relayAfter,
            Duration relayInterval,
            @Nullable Resource communities,
            Map<String, String> sealingKeys,
            String sealingKeyId,
            Map<String, String> digestKeys,
            String digestKeyId,
            CryptoSuite cryptoSuite) {
        this(
                allowedClockSkew,
                publishTimeout,
                relayAfter,
                relayInterval,
                communities,
                sealingKeys,
                sealingKeyId,
                digestKeys,
                digestKeyId,
                cryptoSuite,
                Duration.ofMinutes(10),
                DataSize.ofKilobytes(512),
                4,
                1000,
                false);
    }

    @ConstructorBinding
    PipelineSettings {
        if (groupsInFlight < 1 || groupMaxEvents < 1) {
            throw new IllegalArgumentException("intake.pipeline.groups-in-flight (" + groupsInFlight
                    + ") and intake.pipeline.group-max-events (" + groupMaxEvents + ") must be at least 1");
        }
        if (relayAfter.compareTo(publishTimeout) <= 0) {
            throw new IllegalArgumentException("intake.pipeline.relay-after (" + relayAfter
                    + ") must be longer than intake.pipeline.publish-timeout (" + publishTimeout + ")");
        }
        // an entry left empty by an unset environment variable is no key at all
        sealingKeys = present(sealingKeys);
        if (!sealingKeys.containsKey(sealingKeyId)) {
            throw new IllegalArgumentException("intake.pipeline.sealing-keys." + sealingKeyId
                    + " is not set (intake.pipeline.sealing-key-id names it): set INTAKE_SEALING_KEY to"
                    + " Base64 of 32 random bytes (16 under the sm suite), from a Kubernetes Secret (the launcher"
                    + " generates one)");
        }
        digestKeys = present(digestKeys);
        if (!digestKeys.containsKey(digestKeyId)) {
            throw new IllegalArgumentException("intake.pipeline.digest-keys." + digestKeyId
                    + " is not set (intake.pipeline.digest-key-id names it): set INTAKE_DIGEST_KEY to"
                    + " Base64 of 32 random bytes, its own secret, from a Kubernetes Secret (the launcher generates"
                    + " one)");
        }
    }

    private static Map<String, String> present(Map<String, String> keys) {
        return keys.entrySet().stream()
                .filter(e -> !e.getValue().isBlank())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
