package org.zhengce.benchmarks;

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
}
