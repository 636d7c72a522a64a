/**
 * The communities intake accepts: referral's directory as published on the compacted topic {@code jurisdictions}
 * (ADR 0035), read from its beginning and followed; or, for intake running without it, a fixed list
 * ({@code intake.pipeline.communities}).
 */
@NullMarked
package org.zhengce.intake.communities;

import org.jspecify.annotations.NullMarked;
