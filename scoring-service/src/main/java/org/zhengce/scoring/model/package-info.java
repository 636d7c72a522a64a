/**
 * The monitoring model (监测预警模型): six dimensions after Wuchang's, every fact's contribution, caps, time windows,
 * decay, warning lines and the rules that decide the category, all read from a versioned YAML document
 * ({@code /models/wuchang-2026.1.yaml}). {@link org.zhengce.scoring.model.ScoringModel#assess} is a pure function of a
 * portrait and an instant that explains every point it gives. Pure Java: no Kafka Streams and no Spring.
 */
@NullMarked
package org.zhengce.scoring.model;

import org.jspecify.annotations.NullMarked;
