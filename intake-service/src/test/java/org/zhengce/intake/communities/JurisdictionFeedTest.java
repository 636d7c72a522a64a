package org.zhengce.intake.communities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.kit.failures.Failures;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/** Before referral's directory is read, no community is refused for being unknown: the answer is "send it again". */
class JurisdictionFeedTest {

    @Test
    void aDirectoryNotReadYetIsATransientFailureNotAnUnknownCommunity() {
        JurisdictionFeed feed = new JurisdictionFeed(
                new TopicBindings(TopicCatalogue.load(), Map.of("schema.registry.url", "http://localhost:1"))
                        .avro("jurisdictions", JurisdictionPublished.class),
                Map.of(),
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> feed.hasCommunity("110105001001"))
                .isInstanceOf(DirectoryNotReadException.class)
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).isTrue())
                .hasMessageContaining("jurisdictions");
    }
}
