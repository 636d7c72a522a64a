/**
 * Failures classified once for the whole platform: transient (infrastructure that will come back: a time-out, a
 * refused connection, the registry answering 5xx, the database unavailable) or permanent (everything else). Every
 * listener, relay and intake's pipeline retries the first with back-off and sets the second aside with its reason.
 */
@NullMarked
package org.zhengce.kit.failures;

import org.jspecify.annotations.NullMarked;
