/**
 * The organisation structure as referral's directory publishes it on the compacted topic {@code jurisdictions}
 * (ADR 0035), read from its beginning and followed: notification keeps no copy of its own.
 */
@NullMarked
package org.zhengce.notification.jurisdictions;

import org.jspecify.annotations.NullMarked;
