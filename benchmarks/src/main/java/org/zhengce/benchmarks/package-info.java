/** The benchmark harness: cases compared against raw kafka-clients on one in-process broker, one report. */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks;
