/**
 * Notification's audit trail (the kit's, in notification's database): alerts read, the alert stream opened, alerts
 * marked read or acknowledged, subscriptions and webhook endpoints changed, every admin action; by whom, from which
 * jurisdiction, allowed or refused. Admins verify the chain at {@code /admin/audit-trail/verification}.
 */
@NullMarked
package org.zhengce.notification.audit;

import org.jspecify.annotations.NullMarked;
