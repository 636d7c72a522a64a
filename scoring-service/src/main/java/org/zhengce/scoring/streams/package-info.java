/**
 * The Kafka Streams topology: routes household events, resolves persons to households (holding what cannot be
 * resolved yet), keeps each household's portrait and scores it with the active model, and a candidate in the shadow;
 * emits score changes and warnings with reasons; re-scores on wall-clock time and after a model switch.
 * {@link org.zhengce.scoring.streams.ScoringTopology#build} is the pure function; the rest is its processors.
 */
@NullMarked
package org.zhengce.scoring.streams;

import org.jspecify.annotations.NullMarked;
