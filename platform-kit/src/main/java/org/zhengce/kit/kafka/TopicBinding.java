package org.zhengce.kit.kafka;

import org.apache.kafka.common.serialization.Serde;
import org.zhengce.schemas.catalogue.Topic;

/**
 * One topic as a service binds to it: the catalogue's topic (its name and settings) with the serdes of its key and
 * value, so that a listener or producer names the three together and never spells the name alone. Immutable; built
 * by {@link TopicBindings} from the catalogue and the service's serde settings. A Spring Cloud Stream binding reads
 * the topic with these serdes ({@link ListenerBindings}).
 */
public record TopicBinding<K, V>(Topic topic, Serde<K> keySerde, Serde<V> valueSerde) {

    /** The topic's name in Kafka. */
    public String name() {
        return topic.name();
    }

    /** The number of partitions, as the catalogue declares them. */
    public int partitions() {
        return topic.partitions();
    }
}
