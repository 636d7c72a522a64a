/** The Confluent-format Avro serde against raw bytes: producer, consumer and registry calls. */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.serde;
