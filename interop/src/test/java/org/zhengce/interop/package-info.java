/** Interop tests: independent Node clients against our broker, schema registry and Avro serde. */
@org.jspecify.annotations.NullMarked
package org.zhengce.interop;
