/** The hostile-input corpus: malformed, oversized, mis-encoded, mis-scoped and identity-bearing inputs (issue 15). */
@NullMarked
package org.zhengce.intake.hostile;

import org.jspecify.annotations.NullMarked;
