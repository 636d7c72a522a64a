/**
 * The cost of embedding: raw kafka-clients against the in-process broker and against the same broker started in a
 * JVM of its own, in the same run.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.broker;
