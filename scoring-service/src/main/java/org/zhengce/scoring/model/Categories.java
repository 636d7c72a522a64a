package org.zhengce.scoring.model;

import java.util.List;
import java.util.Set;
import org.zhengce.events.Programme;
import org.zhengce.events.WarningLevel;

/**
 * The rules that decide a warning's category (预警类别).
 *
 * @param assistanceProgrammes the programmes that make a household "assisted"
 * @param dependantsBelow members younger than this are dependants (minors)
 * @param dependantsAtLeast members this old or older are dependants (elderly)
 * @param earlyWarningLevel the level of an early warning below the line
 * @param earlyWarningOverTheLine whether an edge turns a household over the line and in no programme into an early
 *     warning (true) or leaves it assistance missing (false)
 * @param edges the edge conditions (边缘情形) of an early warning
 */
record Categories(
        Set<Programme> assistanceProgrammes,
        int dependantsBelow,
        int dependantsAtLeast,
        WarningLevel earlyWarningLevel,
        boolean earlyWarningOverTheLine,
        List<Edge> edges) {

    Categories {
        assistanceProgrammes = Set.copyOf(assistanceProgrammes);
        edges = List.copyOf(edges);
    }

    /** An edge condition: holds when its selector finds a fact (and, if asked, the household has a dependant). */
    record Edge(String id, Selector selector, boolean withDependants) {}
}
