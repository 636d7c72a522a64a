/**
 * The household portrait (家庭画像): every fact the departments reported about a household and its members, each with
 * its source, built by applying household events one by one ({@link org.zhengce.scoring.portrait.Portraits#apply}).
 * Pure Java: no Kafka Streams and no Spring, so the topology, the queries and the model share one value.
 */
@NullMarked
package org.zhengce.scoring.portrait;

import org.jspecify.annotations.NullMarked;
