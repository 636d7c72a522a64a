/** Alerts to advisors: server-sent events, webhooks, acknowledgement and escalation. */
@NullMarked
package org.zhengce.notification;

import org.jspecify.annotations.NullMarked;
