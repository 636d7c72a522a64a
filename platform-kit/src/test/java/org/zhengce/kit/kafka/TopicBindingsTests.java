package org.zhengce.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.CaseEvent;
import org.zhengce.schemas.catalogue.TopicCatalogue;

class TopicBindingsTests {

    private final TopicBindings bindings = new TopicBindings(TopicCatalogue.load(), Map.of());

    @Test
    void bindingOfAnotherValueClassIsRefusedNamingTheTopic() {
        assertThatThrownBy(() -> bindings.avro("case.events", AlertEvent.class))
                .hasMessage("topic case.events carries "
                        + CaseEvent.getClassSchema().getFullName() + ", not "
                        + AlertEvent.getClassSchema().getFullName());
    }

    @Test
    void bytesBindingCarriesTheCataloguesNameAndPartitions() {
        TopicBinding<String, byte[]> binding = bindings.bytes("alert.events");

        assertThat(binding.name()).isEqualTo("alert.events");
        assertThat(binding.partitions())
                .isEqualTo(TopicCatalogue.load().topic("alert.events").partitions());
    }
}
