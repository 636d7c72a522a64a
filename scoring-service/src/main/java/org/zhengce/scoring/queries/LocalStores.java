package org.zhengce.scoring.queries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.streams.HouseholdRecord;
import org.zhengce.scoring.streams.HouseholdState;
import org.zhengce.scoring.streams.ShadowEntry;
import org.zhengce.scoring.streams.Stores;

/**
 * This instance's part of the topology's stores (every local partition), through the Kafka Streams binder's {@link
 * InteractiveQueryService} (a few quick tries: {@code spring.cloud.stream.kafka.streams.binder.state-store-retry}).
 * Every read throws
 * {@link InvalidStateStoreException} while the streams are starting or rebalancing. Reads block (RocksDB): call
 * them off the event loop.
 */
class LocalStores {

    private final InteractiveQueryService queries;

    LocalStores(InteractiveQueryService queries) {
        this.queries = queries;
    }

    @Nullable
    Portrait portrait(String household) {
        HouseholdRecord stored =
                value(this.<HouseholdRecord>store(Stores.PORTRAITS).get(household));
        return stored == null ? null : stored.portrait();
    }

    /** The household's state: in its record, or, until its next assessment migrates it, in the old states store. */
    @Nullable
    HouseholdState state(String household) {
        HouseholdRecord stored =
                value(this.<HouseholdRecord>store(Stores.PORTRAITS).get(household));
        if (stored == null) {
            return null;
        }
        return stored.state() != null
                ? stored.state()
                : value(this.<HouseholdState>store(Stores.STATES).get(household));
    }

    /** The shadow assessments that pass {@code filter}. */
    List<ShadowEntry> shadow(Predicate<ShadowEntry> filter) {
        List<ShadowEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, Object> all =
                this.<Object>store(Stores.SHADOW).all()) {
            while (all.hasNext()) {
                ShadowEntry entry = value(all.next().value);
                if (entry != null && filter.test(entry)) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /** The persons whose events are held until their household is known, longest waiting first. */
    List<UnresolvedPerson> unresolved() {
        Map<String, Integer> events = new HashMap<>();
        try (KeyValueIterator<String, Object> held =
                this.<Object>store(Stores.UNRESOLVED).all()) {
            while (held.hasNext()) {
                String key = held.next().key;
                int bar = key.indexOf('|');
                events.merge(bar < 0 ? key : key.substring(0, bar), 1, Integer::sum);
            }
        }
        List<UnresolvedPerson> persons = new ArrayList<>();
        try (KeyValueIterator<String, Object> since =
                this.<Object>store(Stores.UNRESOLVED_SINCE).all()) {
            while (since.hasNext()) {
                KeyValue<String, Object> entry = since.next();
                Long at = value(entry.value);
                if (at != null) {
                    persons.add(new UnresolvedPerson(
                            entry.key, Instant.ofEpochMilli(at), events.getOrDefault(entry.key, 0)));
                }
            }
        }
        persons.sort(UnresolvedPerson.LONGEST_WAITING);
        return persons;
    }

    /** How many persons wait here for their household (exact: the store is small). */
    long unresolvedCount() {
        long count = 0;
        try (KeyValueIterator<String, Object> all =
                this.<Object>store(Stores.UNRESOLVED_SINCE).all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    /** About how many households (portrait and state records) this instance holds (RocksDB's estimate). */
    long approximatePortraits() {
        return store(Stores.PORTRAITS).approximateNumEntries();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return queries.getQueryableStore(name, QueryableStoreTypes.<String, V>keyValueStore());
        } catch (IllegalStateException | IllegalArgumentException notRunning) {
            throw unavailable(name, notRunning);
        }
    }

    /** The store's own exception when the query service wrapped it, otherwise one naming the store. */
    static InvalidStateStoreException unavailable(String store, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidStateStoreException invalid) {
                return invalid;
            }
        }
        return new InvalidStateStoreException("store " + store + " is not available: " + e.getMessage(), e);
    }

    @SuppressWarnings("unchecked")
    private static <V> @Nullable V value(@Nullable Object stored) {
        if (stored instanceof ValueAndTimestamp<?> timestamped) {
            return (V) timestamped.value();
        }
        return (V) stored;
    }
}
