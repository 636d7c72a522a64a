/** Tests of the warning decider: given a warning state, when an assessment, then a decision and the next state. */
@NullMarked
package org.zhengce.scoring.warnings;

import org.jspecify.annotations.NullMarked;
