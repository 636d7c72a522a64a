package org.zhengce.schemas.catalogue;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What differs between environments when topics are created: the partitions of topics that do not
 * name their own, the replication factor and {@code min.insync.replicas}. Everything else about a
 * topic is the catalogue's.
 *
 * @param defaultPartitions partitions of topics without their own; empty for the catalogue's default
 * @param replicationFactor replicas of every partition; empty to leave it to the broker's
 *     {@code default.replication.factor}
 * @param minInSyncReplicas the topics' {@code min.insync.replicas}; empty to leave it to the broker
 */
public record TopicEnvironment(
        OptionalInt defaultPartitions, Optional<Short> replicationFactor, OptionalInt minInSyncReplicas) {

    /** The production cluster's shape: three replicas, two of which must acknowledge a write. */
    public static final int PRODUCTION_REPLICAS = 3;

    public TopicEnvironment {
        defaultPartitions.ifPresent(partitions -> require(partitions >= 1, "defaultPartitions must be at least 1"));
        replicationFactor.ifPresent(replicas -> require(replicas >= 1, "replicationFactor must be at least 1"));
        minInSyncReplicas.ifPresent(min -> {
            require(min >= 1, "minInSyncReplicas must be at least 1");
            require(
                    replicationFactor.isPresent() && min <= replicationFactor.get(),
                    "minInSyncReplicas (" + min + ") needs a replicationFactor at least as large, found "
                            + replicationFactor.map(String::valueOf).orElse("none"));
        });
    }

    /**
     * Leaves replication to the broker's defaults: what a single in-process broker (tests, the local
     * run) needs, and what {@link TopicCatalogue#load()} uses.
     */
    public static TopicEnvironment brokerDefaults() {
        return new TopicEnvironment(OptionalInt.empty(), Optional.empty(), OptionalInt.empty());
    }

    /** Three replicas and {@code min.insync.replicas=2}: the shape of the Kubernetes manifests. */
    public static TopicEnvironment production() {
        return replicated(PRODUCTION_REPLICAS, PRODUCTION_REPLICAS - 1);
    }

    /** Every partition with {@code replicationFactor} replicas, {@code minInSyncReplicas} of them in sync. */
    public static TopicEnvironment replicated(int replicationFactor, int minInSyncReplicas) {
        require(replicationFactor <= Short.MAX_VALUE, "replicationFactor is too large: " + replicationFactor);
        return new TopicEnvironment(
                OptionalInt.empty(), Optional.of((short) replicationFactor), OptionalInt.of(minInSyncReplicas));
    }

    /** This environment, with {@code partitions} for topics that do not name their own. */
    public TopicEnvironment withDefaultPartitions(int partitions) {
        return new TopicEnvironment(OptionalInt.of(partitions), replicationFactor, minInSyncReplicas);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
