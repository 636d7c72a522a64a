/**
 * The one-command local run: the embedded broker, registry and databases, then every service with its
 * production code and configuration, pointed at them.
 */
@NullMarked
package org.zhengce.launcher;

import org.jspecify.annotations.NullMarked;
