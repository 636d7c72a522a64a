/** Deterministic, realistic test data: the events a city's departments would send. */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.data;
