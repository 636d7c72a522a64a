/**
 * Scoring's Kafka Streams topology against a raw consumer of the same input, and the re-scoring of a city's
 * households after a model switch.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.scoring;
