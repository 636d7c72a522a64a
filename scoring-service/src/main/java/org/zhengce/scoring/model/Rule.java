package org.zhengce.scoring.model;

import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;

/**
 * A scoring rule: the facts it selects give {@code points} each (or per {@code per.unit} of a field, per fact or on the
 * window's sum), fading by {@code decay}, all of them together at most {@code cap}.
 */
record Rule(
        String id,
        Dimension dimension,
        Selector selector,
        int points,
        @Nullable Per per,
        @Nullable Integer cap,
        Decay decay) {

    /**
     * Points per whole unit of a numeric field: {@code floor(value / unit) × points} per fact, or, when
     * {@code summed}, on the sum over the selected facts, shared among them in time order (each gets what the running
     * sum adds).
     */
    record Per(String field, long unit, boolean summed) {}
}
