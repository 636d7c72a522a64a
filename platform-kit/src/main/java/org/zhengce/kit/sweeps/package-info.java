/**
 * Work found by looking, every so often, rather than by an event: deadlines missed, complaints not acknowledged.
 * One lifecycle for all of them ({@link org.zhengce.kit.sweeps.PeriodicSweep}), so each says only what one sweep does.
 */
@NullMarked
package org.zhengce.kit.sweeps;

import org.jspecify.annotations.NullMarked;
