/**
 * The topics this service reads and writes, bound from the platform's topic catalogue with the kit's typed bindings;
 * the topics it writes declared; the error handling and dead-letter lane of its listener.
 */
@NullMarked
package org.zhengce.notification.topics;

import org.jspecify.annotations.NullMarked;
