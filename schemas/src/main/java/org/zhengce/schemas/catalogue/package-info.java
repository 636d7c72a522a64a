/**
 * The topic catalogue (主题目录): every Kafka topic of the platform as an immutable {@link
 * org.zhengce.schemas.catalogue.Topic}, loaded from {@code topics.yaml} by {@link
 * org.zhengce.schemas.catalogue.TopicCatalogue#load()}. Services declare their topics from it; the
 * AsyncAPI document and the Strimzi manifests are generated from it.
 */
@NullMarked
package org.zhengce.schemas.catalogue;

import org.jspecify.annotations.NullMarked;
