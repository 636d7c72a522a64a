/**
 * The fault suite: the platform as in production (each service in its own JVM, the broker and PostgreSQL in their own
 * processes) under a steady load, each component killed and restarted in turn, then every accepted event, warning,
 * case and alert reconciled and every topic, log and database scanned for identity numbers.
 */
@NullMarked
package org.zhengce.faults;

import org.jspecify.annotations.NullMarked;
