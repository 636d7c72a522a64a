package org.zhengce.benchmarks.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.ResultRow;

/**
 * The lag of each stage of the alert path, sampled every few seconds while the load runs: how far the records waiting
 * for a stage run ahead of it. Intake: the events posted (as the schedule made them due) not yet on household.events
 * (its end offsets' growth since the load started). Scoring, referral, notification: their consumer group's lag on
 * their input (household.events, household.warnings, case.events), end offsets less committed offsets, summed over
 * the partitions ({@code Admin.listOffsets}, {@code Admin.listConsumerGroupOffsets}). A group is found by the
 * service's name in its id, so an application id's suffix does not matter.
 */
final class StageLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageLag.class);

    /** One stage: what it reads and whose group (a part of the group id), or none for intake's. */
    record Stage(String name, String topic, @Nullable String group) {}

    static final List<Stage> STAGES = List.of(
            new Stage("intake (events posted → on household.events)", "household.events", null),
            new Stage("scoring (group lag on household.events)", "household.events", "scoring"),
            new Stage("referral (group lag on household.warnings)", "household.warnings", "referral"),
            new Stage("notification (group lag on case.events)", "case.events", "notification"));

    /** One sample: when (nanoTime) and each stage's lag in records, in {@link #STAGES}' order. */
    record Sample(long atNanos, long[] lags) {}

    private final Admin admin;
    private final LongSupplier posted;
    private final Duration every;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;
    private long postedAtStart;
    private long intakeEndAtStart;

    /** Starts sampling now: {@code posted} counts the events the load has made due so far. */
    StageLag(String bootstrapServers, LongSupplier posted, Duration every) throws Exception {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.posted = posted;
        this.every = every;
        this.postedAtStart = posted.getAsLong();
        this.intakeEndAtStart = endOffsets("household.events");
        this.sampler = new Thread(this::sampleUntilInterrupted, "bench-stage-lag");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sampleUntilInterrupted() {
        AtomicLong next = new AtomicLong(System.nanoTime());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Sample sample = sample();
                synchronized (samples) {
                    samples.add(sample);
                }
                next.addAndGet(every.toNanos());
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next.get() - System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // a sample the broker could not answer in time is left out; the next one comes as planned
                log.warn("stage lag sample failed: {}", e.toString());
            }
        }
    }

    private Sample sample() throws Exception {
        long at = System.nanoTime();
        long postedNow = posted.getAsLong();
        List<GroupListing> groups = new ArrayList<>(admin.listGroups().all().get(30, TimeUnit.SECONDS));
        long[] lags = new long[STAGES.size()];
        for (int i = 0; i < STAGES.size(); i++) {
            Stage stage = STAGES.get(i);
            lags[i] = stage.group() == null
                    ? Math.max(0, (postedNow - postedAtStart) - (endOffsets(stage.topic()) - intakeEndAtStart))
                    : groupLag(groups, stage);
        }
        return new Sample(at, lags);
    }

    /** The largest lag on the stage's topic of the groups whose id holds the stage's group name. */
    private long groupLag(Collection<GroupListing> groups, Stage stage) throws Exception {
        Map<TopicPartition, Long> ends = ends(stage.topic());
        long lag = -1;
        for (GroupListing group : groups) {
            if (!group.groupId().contains(stage.group())) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            if (committed.keySet().stream().noneMatch(ends::containsKey)) {
                continue;
            }
            long groupLag = ends.entrySet().stream()
                    .mapToLong(end -> {
                        OffsetAndMetadata offset = committed.get(end.getKey());
                        return Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
                    })
                    .sum();
            lag = Math.max(lag, groupLag);
        }
        return lag;
    }

    private Map<TopicPartition, Long> ends(String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private long endOffsets(String topic) throws Exception {
        return ends(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The samples taken from {@code fromNanos} to {@code toNanos}. */
    List<Sample> between(long fromNanos, long toNanos) {
        synchronized (samples) {
            return samples.stream()
                    .filter(sample -> sample.atNanos() >= fromNanos && sample.atNanos() <= toNanos)
                    .toList();
        }
    }

    /**
     * One row per stage over {@code window}: its lag at the window's first sample, its largest and at its last, and
     * whether it stayed flat: the end at most twice the start plus {@code slack} records (the met column).
     */
    static List<ResultRow> rows(String caseName, List<Sample> window, long slack) {
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            int stage = i;
            List<Long> lags = window.stream()
                    .map(sample -> sample.lags()[stage])
                    .filter(lag -> lag >= 0)
                    .toList();
            String name = String.format(
                    Locale.ROOT, "%s, lag of %s", caseName, STAGES.get(i).name());
            String goal = String.format(Locale.ROOT, "flat: end ≤ 2 × start + %,d", slack);
            if (lags.size() < 2) {
                rows.add(new ResultRow(name, "—", "fewer than two samples: not judged", "—", goal, false));
                continue;
            }
            long start = lags.get(0);
            long end = lags.get(lags.size() - 1);
            long max = lags.stream().mapToLong(Long::longValue).max().orElseThrow();
            rows.add(new ResultRow(
                    name,
                    "—",
                    String.format(
                            Locale.ROOT,
                            "start %,d, max %,d, end %,d records (%d samples)",
                            start,
                            max,
                            end,
                            lags.size()),
                    "—",
                    goal,
                    end <= 2 * start + slack));
        }
        return rows;
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join(Duration.ofSeconds(60).toMillis());
        admin.close(Duration.ofSeconds(10));
    }
}
