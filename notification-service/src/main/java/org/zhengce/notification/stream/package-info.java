/**
 * Server-sent events to the console: each user's alerts, resumable with {@code Last-Event-ID} (the user's alert
 * sequence): replayed from the database, then live from the in-JVM feed, in order, each once.
 */
@NullMarked
package org.zhengce.notification.stream;

import org.jspecify.annotations.NullMarked;
