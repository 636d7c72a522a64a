/** The one tick that escalates unacknowledged alerts and sends due webhooks, scheduled or driven by a test. */
@NullMarked
package org.zhengce.notification.scheduling;

import org.jspecify.annotations.NullMarked;
