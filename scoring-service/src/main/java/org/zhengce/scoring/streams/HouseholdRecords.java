package org.zhengce.scoring.streams;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * One task's households as the scorer reads and writes them: every record is written to the {@value Stores#PORTRAITS}
 * store (its cache, changelog and RocksDB, in the task's transaction), and the records last written or read stay
 * decoded here, at most {@code kept} of them, so that a household's next event does not decode its whole record
 * again (the store's own cache keeps bytes: each read decoded every fact and id of the household).
 *
 * <p>Never ahead of the store, never behind it: a record is kept only once the store has taken it (a put that throws
 * keeps nothing), only the scorer of this task writes these households, and {@link #forget} empties it whenever the
 * task is initialised or closed. A transaction that aborts under exactly-once (a task corrupted or migrated, a
 * revocation) closes its tasks dirty, their stores are restored from the changelog as of the last commit, and each
 * processor's {@code init} runs again before the task processes a record: what was kept from the aborted transaction
 * is gone by then (ADR 0031).
 */
final class HouseholdRecords {

    /**
     * How many decoded records a task keeps by default. A decoded record of the benchmark's households is a few KB on
     * the heap (more for a busy household, within {@code scoring.retention}): 2,048 a task, a dozen tasks an instance,
     * stays within about a hundred MB, and covers the households a task sees again within seconds.
     */
    static final int KEPT = 2_048;

    private final KeyValueStore<String, HouseholdRecord> store;
    private final Map<String, HouseholdRecord> decoded;

    HouseholdRecords(KeyValueStore<String, HouseholdRecord> store, int kept) {
        if (kept < 0) {
            throw new IllegalArgumentException("kept must not be negative: " + kept);
        }
        this.store = store;
        // in access order: the least recently used household leaves first
        this.decoded = new LinkedHashMap<>(Math.min(kept, 1_024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, HouseholdRecord> eldest) {
                return size() > kept;
            }
        };
    }

    /** The household's record, decoded from the store only when it is not kept; null for a household not stored. */
    @Nullable
    HouseholdRecord get(String household) {
        HouseholdRecord kept = decoded.get(household);
        if (kept != null) {
            return kept;
        }
        HouseholdRecord stored = store.get(household);
        if (stored != null) {
            decoded.put(household, stored);
        }
        return stored;
    }

    /** Writes the record to the store and, once the store has taken it, keeps it decoded. */
    void put(String household, HouseholdRecord record) {
        decoded.remove(household);
        store.put(household, record);
        decoded.put(household, record);
    }

    /** Drops every decoded record: the store, as restored or as committed, is read again. */
    void forget() {
        decoded.clear();
    }

    /** The household's record if it is kept decoded, without reading the store (for tests). */
    @Nullable
    HouseholdRecord kept(String household) {
        return decoded.get(household);
    }

    /** How many records are kept decoded (for tests). */
    int size() {
        return decoded.size();
    }
}
