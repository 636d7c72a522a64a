/**
 * Referral's topics, bound from the platform's topic catalogue (the kit's typed bindings), the topics it writes
 * declared, and its listeners' error handling and dead-letter lane.
 */
@NullMarked
package org.zhengce.referral.topics;

import org.jspecify.annotations.NullMarked;
