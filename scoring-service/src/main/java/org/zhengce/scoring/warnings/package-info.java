/**
 * A household's warning lifecycle (预警), pure: {@link org.zhengce.scoring.warnings.WarningDecider} decides, from the
 * household's warning state and its new assessment, whether a warning is raised, escalated, de-escalated, cleared or
 * left as it is, with hysteresis (a band below each line) so that a household hovering around a line is not warned,
 * cleared and warned again; {@code evolve} gives the next state. No clock, no Kafka Streams, no Spring: the instant
 * comes with the assessment.
 */
@NullMarked
package org.zhengce.scoring.warnings;

import org.jspecify.annotations.NullMarked;
