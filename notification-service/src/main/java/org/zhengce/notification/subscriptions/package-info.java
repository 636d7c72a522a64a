/** Which channels each user wants besides the console, and the webhook endpoints (SMS gateway, app push) behind them. */
@NullMarked
package org.zhengce.notification.subscriptions;

import org.jspecify.annotations.NullMarked;
