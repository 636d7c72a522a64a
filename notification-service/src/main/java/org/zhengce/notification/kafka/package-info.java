/** How notification reads case.events: unreadable and malformed records, the dead-letter lane, retries. */
@NullMarked
package org.zhengce.notification.kafka;

import org.jspecify.annotations.NullMarked;
