/** Household portraits, the explainable six-dimension model and early warnings (Kafka Streams). */
@NullMarked
package org.zhengce.scoring;

import org.jspecify.annotations.NullMarked;
