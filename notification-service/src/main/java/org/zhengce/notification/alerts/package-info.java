/**
 * Alerts: who is alerted by which case event, the alert store with each user's sequence, the inbox, acknowledgement
 * and escalation to supervisors, the in-JVM feed of committed alerts and the alert events.
 */
@NullMarked
package org.zhengce.notification.alerts;

import org.jspecify.annotations.NullMarked;
