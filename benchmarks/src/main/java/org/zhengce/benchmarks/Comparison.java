package org.zhengce.benchmarks;

/**
 * Throughput of raw kafka-clients and of ours over the measured rounds, and the ratio ours/raw taken
 * within each round (so that drift during the run affects both sides of a ratio alike).
 */
public record Comparison(Spread raw, Spread ours, Spread ratio) {}
