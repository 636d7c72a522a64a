/**
 * The organisation structure as the services other than referral see it: referral's jurisdiction directory, read
 * from the compacted {@code jurisdictions} topic and followed without a restart (ADR 0035).
 */
@NullMarked
package org.zhengce.kit.jurisdictions;

import org.jspecify.annotations.NullMarked;
