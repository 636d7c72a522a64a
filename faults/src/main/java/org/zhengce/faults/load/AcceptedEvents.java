package org.zhengce.faults.load;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every event the load sent and what became of it: accepted (with the way it came in), refused (with the reason), and
 * how many deliveries had to be repeated. The identity numbers the load sent are kept too, so the scan can say whether
 * a number it finds is one of the load's. Thread-safe.
 */
public final class AcceptedEvents {

    private final Map<String, Way> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> identityNumbers = ConcurrentHashMap.newKeySet();
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();
    private final AtomicLong repeats = new AtomicLong();

    void sent(String eventId) {
        sent.add(eventId);
    }

    void accepted(String eventId, Way way) {
        accepted.putIfAbsent(eventId, way);
    }

    void refused(String eventId, String reason) {
        refused.put(eventId, reason);
    }

    void repeated() {
        repeats.incrementAndGet();
    }

    void serverError(String eventId, Way way) {
        serverErrors.add(eventId + " " + way);
    }

    void identityNumber(String number) {
        identityNumbers.add(number);
    }

    /** The accepted events' ids and how each came in. */
    public Map<String, Way> accepted() {
        return Map.copyOf(accepted);
    }

    /** The events refused for good, with the reason (by rule, never the value). */
    public Map<String, String> refused() {
        return new TreeMap<>(refused);
    }

    /** Distinct events sent. */
    public int sent() {
        return sent.size();
    }

    /** Deliveries answered 500 (event id and way): a fault must be answered 503. */
    public List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** Deliveries repeated after a failure (a kill, {@code pending}, a 5xx, no connection). */
    public long repeats() {
        return repeats.get();
    }

    public boolean sentIdentityNumber(String number) {
        return identityNumbers.contains(number);
    }
}
