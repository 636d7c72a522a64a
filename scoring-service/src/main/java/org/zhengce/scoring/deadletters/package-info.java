/**
 * The processing dead letters after a fix: {@code household.events.processing.dlq} listed and replayed to the topic
 * each was read from through the kit's dead-letter API ({@code /admin/dead-letters/{topic}}, platform admins). The
 * lane itself is written by the topology ({@code streams}).
 */
@NullMarked
package org.zhengce.scoring.deadletters;

import org.jspecify.annotations.NullMarked;
