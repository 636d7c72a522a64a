/**
 * In-process infrastructure for tests and the one-command local run: a Kafka broker in KRaft mode
 * ({@link org.zhengce.embedded.EmbeddedKafka}) and a PostgreSQL server with one database per service
 * ({@link org.zhengce.embedded.EmbeddedDatabases}).
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.embedded;
