package org.zhengce.intake.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Where the subjects of concurrent requests are registered, looked up in one query per group ({@link GroupCommit}):
 * a single-event request would otherwise pay a round trip to PostgreSQL of its own before its claim. A group starts
 * after its requests arrived, so what each request reads is at least as recent as a query of its own would have
 * been.
 */
final class RegistrationLookups {

    private final GroupCommit<Set<String>, Map<String, EventLedger.Registered>> groups;

    /**
     * @param inFlight how many lookups may be on their way at once
     * @param maxSubjects the most subjects one lookup takes (a request with more goes alone)
     */
    RegistrationLookups(EventLedger ledger, int inFlight, int maxSubjects) {
        this.groups = new GroupCommit<>(inFlight, maxSubjects, Set::size, group -> {
            Set<String> all = new HashSet<>();
            group.forEach(all::addAll);
            return ledger.registered(all)
                    .map(found -> group.stream().map(own -> only(found, own)).toList());
        });
    }

    /** Where each of {@code subjects} that was ever registered is registered, by subject. */
    Mono<Map<String, EventLedger.Registered>> registered(Set<String> subjects) {
        if (subjects.isEmpty()) {
            return Mono.just(Map.of());
        }
        return groups.submit(subjects);
    }

    private static Map<String, EventLedger.Registered> only(
            Map<String, EventLedger.Registered> found, Set<String> subjects) {
        Map<String, EventLedger.Registered> own = new HashMap<>();
        for (String subject : subjects) {
            EventLedger.Registered registered = found.get(subject);
            if (registered != null) {
                own.put(subject, registered);
            }
        }
        return own;
    }
}
