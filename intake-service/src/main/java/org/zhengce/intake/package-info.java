/** The department edge: authenticates departments, validates and pseudonymises their events, publishes them to household.events. */
@NullMarked
package org.zhengce.intake;

import org.jspecify.annotations.NullMarked;
