package org.zhengce.scoring.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.scoring.portrait.Portraits;

/**
 * Keyed by person: household facts (registered, changed, member joined or left) re-keyed to each person they name
 * keep the person → household table; a person's own event goes on keyed by its household, or, while the household
 * is unknown, is held (never dropped) and released, in the order it happened, when the membership arrives, in the
 * trace it came in.
 */
final class PersonResolver implements Processor<String, HouseholdEvent, String, HouseholdEvent> {

    private static final StringSerializer KEYS = new StringSerializer();

    private ProcessorContext<String, HouseholdEvent> context;
    private KeyValueStore<String, String> households;
    private KeyValueStore<String, HouseholdEvent> held;
    private KeyValueStore<String, Long> heldSince;

    @Override
    public void init(ProcessorContext<String, HouseholdEvent> context) {
        this.context = context;
        this.households = context.getStateStore(Stores.PERSON_HOUSEHOLD);
        this.held = context.getStateStore(Stores.UNRESOLVED);
        this.heldSince = context.getStateStore(Stores.UNRESOLVED_SINCE);
    }

    @Override
    public void process(Record<String, HouseholdEvent> record) {
        String person = record.key();
        HouseholdEvent event = record.value();
        if (event.getSubject() instanceof HouseholdNumber) {
            // a membership fact, re-keyed to this person
            for (Portraits.MembershipChange change : Portraits.membershipChanges(event)) {
                if (!change.person().equals(person)) {
                    continue;
                }
                if (change.household() == null) {
                    String current = households.get(person);
                    if (current != null && current.equals(((HouseholdNumber) event.getSubject()).getValue())) {
                        households.delete(person);
                    }
                } else {
                    households.put(person, change.household());
                    release(person, change.household(), record);
                }
            }
            return;
        }
        String household = households.get(person);
        if (household != null) {
            context.forward(record.withKey(household));
            return;
        }
        // the event's trace travels in its key (no personal data: W3C ids), so that the event released later is still
        // in the trace of the request that brought it; a key of before has no third part and releases untraced
        String trace = TraceParent.of(record.headers());
        held.put(person + "|" + event.getPlatformEventId() + (trace == null ? "" : "|" + trace), event);
        heldSince.putIfAbsent(person, context.currentSystemTimeMs());
    }

    /** Sends on every event held for {@code person}, oldest first, now that its household is known. */
    private void release(String person, String household, Record<String, HouseholdEvent> trigger) {
        // a person with events held has their first one's time in heldSince (both written and deleted together): a
        // point read spares almost every membership the range scan of the held events, which opens an iterator on
        // the store's cache and on RocksDB
        if (heldSince.get(person) == null) {
            return;
        }
        List<KeyValue<String, HouseholdEvent>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, HouseholdEvent> found = held.prefixScan(person + "|", KEYS)) {
            found.forEachRemaining(waiting::add);
        }
        if (waiting.isEmpty()) {
            return;
        }
        waiting.sort(Comparator.comparing(entry -> entry.value.getOccurredAt()));
        for (KeyValue<String, HouseholdEvent> entry : waiting) {
            Headers headers = new RecordHeaders();
            String[] parts = entry.key.split("\\|", 3);
            if (parts.length == 3) {
                TraceParent.put(headers, parts[2]);
            }
            context.forward(new Record<>(household, entry.value, trigger.timestamp(), headers));
            held.delete(entry.key);
        }
        heldSince.delete(person);
    }
}
