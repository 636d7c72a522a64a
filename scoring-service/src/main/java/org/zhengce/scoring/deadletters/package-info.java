/**
 * The processing dead letters after a fix: lists what is in {@code household.events.processing.dlq} and replays a
 * dead letter to the topic it was read from ({@link org.zhengce.scoring.deadletters.ProcessingDeadLetters}), for
 * platform admins ({@code /admin/dead-letters}). The lane itself is written by the topology ({@code streams}).
 */
@NullMarked
package org.zhengce.scoring.deadletters;

import org.jspecify.annotations.NullMarked;
