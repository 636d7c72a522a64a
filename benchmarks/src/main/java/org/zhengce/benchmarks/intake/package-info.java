/** Intake's HTTP ways in (NDJSON streams and single events) against raw producers of the same Avro records. */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.intake;
