package org.zhengce.benchmarks;

import java.util.List;

/**
 * One case of the harness: it measures our code and raw kafka-clients on the same broker in the same
 * run and reports one row of the table.
 */
public interface Benchmark {

    /** The row's label in the report, e.g. {@code serde producer}. */
    String name();

    /** One or two sentences on how this case measures, printed under the table. */
    String method();

    ResultRow run(BenchmarkContext context) throws Exception;

    /**
     * Every row of this case: {@link #run}'s one row, or, for a case that measures several figures in one pass (the
     * alert case's per-stage lag, scoring's state sizes), its main row first and the others after it.
     */
    default List<ResultRow> rows(BenchmarkContext context) throws Exception {
        return List.of(run(context));
    }
}
