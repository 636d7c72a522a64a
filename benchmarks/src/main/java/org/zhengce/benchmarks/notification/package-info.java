/** Notification: from a case event on case.events to the alert on an advisor's server-sent event stream. */
@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.notification;
