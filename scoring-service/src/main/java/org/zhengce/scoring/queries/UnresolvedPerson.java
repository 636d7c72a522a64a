package org.zhengce.scoring.queries;

import java.time.Instant;
import java.util.Comparator;

/**
 * A person whose events wait for their household (no registration or membership names them yet).
 *
 * @param person the person's pseudonym value
 * @param since when the first of their events was held
 * @param events how many of their events are held
 */
record UnresolvedPerson(String person, Instant since, int events) {

    static final Comparator<UnresolvedPerson> LONGEST_WAITING =
            Comparator.comparing(UnresolvedPerson::since).thenComparing(UnresolvedPerson::person);
}
