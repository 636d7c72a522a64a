/**
 * Tips from the field as people: registered reporters (volunteers, grid workers, neighbours, social workers) sign in
 * and report a household in difficulty; the tip goes through the one pipeline as the community department's
 * {@code TipReported}, with the reporter named from the token (issue 19, ADR 0036).
 */
@NullMarked
package org.zhengce.intake.tips;

import org.jspecify.annotations.NullMarked;
