package org.zhengce.scoring.queries;

import java.util.ArrayList;
import java.util.List;

/**
 * The persons whose events wait for their household, on every instance, longest waiting first.
 *
 * @param count how many persons
 * @param events how many of their events are held
 */
record UnresolvedPersons(int count, int events, List<UnresolvedPerson> persons) {

    static UnresolvedPersons of(List<UnresolvedPerson> persons) {
        List<UnresolvedPerson> sorted = new ArrayList<>(persons);
        sorted.sort(UnresolvedPerson.LONGEST_WAITING);
        return new UnresolvedPersons(
                sorted.size(),
                sorted.stream().mapToInt(UnresolvedPerson::events).sum(),
                List.copyOf(sorted));
    }

    /** This report and another instance's, as one. */
    UnresolvedPersons merge(UnresolvedPersons other) {
        List<UnresolvedPerson> all = new ArrayList<>(persons);
        all.addAll(other.persons);
        return of(all);
    }
}
