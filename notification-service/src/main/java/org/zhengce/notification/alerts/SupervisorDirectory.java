package org.zhengce.notification.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zhengce.events.JurisdictionPublished;

/**
 * Who supervises which area (an area-code prefix: a street's 9 digits, a district's 6), as referral's directory
 * publishes it (the {@code jurisdictions} topic, ADR 0035): replaced whenever the directory changes. The most specific
 * prefix covering a community supervises it; the next shorter one is the level above.
 */
public final class SupervisorDirectory {

    /** The supervisor of the jurisdiction {@code prefix}. */
    public record Entry(String prefix, String supervisor) {}

    private volatile List<Entry> mostSpecificFirst;
    private final String fallback;

    /**
     * @param entries prefix → supervisor user id
     * @param fallback alerted when no supervisor is above the one who did not respond
     */
    public SupervisorDirectory(List<Entry> entries, String fallback) {
        this.mostSpecificFirst = sorted(entries);
        this.fallback = fallback;
    }

    /** From now on, {@code entries} are who supervises which area. */
    public void replace(List<Entry> entries) {
        this.mostSpecificFirst = sorted(entries);
    }

    /**
     * Each published jurisdiction with a supervisor: the first of its supervisors (the smallest id, as referral's
     * directory picks the one responsible).
     */
    public static List<Entry> entriesOf(Map<String, JurisdictionPublished> jurisdictions) {
        return jurisdictions.values().stream()
                .filter(jurisdiction -> !jurisdiction.getSupervisorIds().isEmpty())
                .map(jurisdiction -> new Entry(
                        jurisdiction.getCode(), jurisdiction.getSupervisorIds().get(0)))
                .toList();
    }

    private static List<Entry> sorted(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry e) -> -e.prefix().length()).thenComparing(Entry::prefix));
        return List.copyOf(sorted);
    }

    public static SupervisorDirectory of(Map<String, String> prefixToSupervisor, String fallback) {
        return new SupervisorDirectory(
                prefixToSupervisor.entrySet().stream()
                        .map(e -> new Entry(e.getKey(), e.getValue()))
                        .toList(),
                fallback);
    }

    /** The supervisors whose jurisdiction covers {@code areaCode}, the most specific first. */
    public List<String> chainOf(String areaCode) {
        return mostSpecificFirst.stream()
                .filter(e -> !areaCode.isEmpty() && areaCode.startsWith(e.prefix()))
                .map(Entry::supervisor)
                .distinct()
                .toList();
    }

    /** The supervisor of {@code areaCode} (most specific prefix), else the fallback. */
    public String supervisorOf(String areaCode) {
        List<String> chain = chainOf(areaCode);
        return chain.isEmpty() ? fallback : chain.get(0);
    }

    /**
     * Whom to alert when {@code recipient}, alerted about {@code areaCode}, did not respond: the area's supervisor if
     * the recipient is not one of its chain, else the next one up, else the fallback; empty when the recipient is
     * the fallback (nobody above, and no loop back down).
     */
    public Optional<String> above(String areaCode, String recipient) {
        if (recipient.equals(fallback)) {
            return Optional.empty();
        }
        List<String> chain = chainOf(areaCode);
        int position = chain.indexOf(recipient);
        if (position + 1 < chain.size()) {
            return Optional.of(chain.get(position + 1));
        }
        return Optional.of(fallback);
    }
}
