package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotControllerException;
import org.junit.jupiter.api.Test;

class BenignKafkaMessagesTests {

    private static final String REGISTRATION_FAILED = "[ControllerApis nodeId=1] Unexpected error handling request"
            + " RequestHeader(apiKey=CONTROLLER_REGISTRATION, apiVersion=0, clientId=1, correlationId=0)";

    private final LoggerContext context = new LoggerContext();
    private final Logger controllerApis = context.getLogger("kafka.server.ControllerApis");
    private final BenignKafkaMessages filter = new BenignKafkaMessages();
    private final Throwable notController =
            new CompletionException(new NotControllerException("The active controller appears to be node 1."));

    @Test
    void theControllerRefusingItsOwnNodesRegistrationBeforeItIsActiveIsDropped() {
        assertThat(filter.decide(null, controllerApis, Level.ERROR, REGISTRATION_FAILED, null, notController))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void theGlobalConsumerNotRecordingTheStableOffsetOfAPartitionItHasNotAssignedYetIsDropped() {
        Logger offsetFetcher = context.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils");
        String unrecorded = "[Consumer clientId=%s, groupId=null] Not updating last stable offset for partition {} as"
                + " it is no longer assigned";

        assertThat(filter.decide(
                        null,
                        offsetFetcher,
                        Level.WARN,
                        unrecorded.formatted("scoring-service-global-consumer"),
                        new Object[] {"scoring.models-0"},
                        null))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(
                        null,
                        offsetFetcher,
                        Level.WARN,
                        unrecorded.formatted("scoring-service-StreamThread-1-consumer"),
                        new Object[] {"household.events-0"},
                        null))
                .as("another consumer")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(
                        null,
                        offsetFetcher,
                        Level.WARN,
                        "[Consumer clientId=scoring-service-global-consumer, groupId=null] Attempt to fetch offsets for"
                                + " partition {} failed due to {}, retrying.",
                        new Object[] {"scoring.models-0", "UNKNOWN_TOPIC_OR_PARTITION"},
                        null))
                .as("another warning of the global consumer")
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theBrokersRegistrationChannelClosedTwiceAtShutdownIsDropped() {
        Logger networkClient = context.getLogger("org.apache.kafka.clients.NetworkClient");
        String closedTwice = "[NodeToControllerChannelManager id=1 name=%s] Attempting to close NetworkClient that has"
                + " already been closed.";

        assertThat(filter.decide(null, networkClient, Level.WARN, closedTwice.formatted("registration"), null, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, networkClient, Level.WARN, closedTwice.formatted("forwarding"), null, null))
                .as("another channel")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(
                        null,
                        networkClient,
                        Level.WARN,
                        "[NodeToControllerChannelManager id=1 name=registration] Connection to node 1 could not be"
                                + " established.",
                        null,
                        null))
                .as("another warning of the same channel")
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void anyOtherFailureOfTheControllerStillShows() {
        assertThat(filter.decide(
                        null,
                        controllerApis,
                        Level.ERROR,
                        REGISTRATION_FAILED,
                        null,
                        new CompletionException(new IllegalStateException("metadata log corrupt"))))
                .as("another cause")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(
                        null,
                        controllerApis,
                        Level.ERROR,
                        REGISTRATION_FAILED.replace("CONTROLLER_REGISTRATION", "CREATE_TOPICS"),
                        null,
                        notController))
                .as("another request")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(
                        null,
                        context.getLogger("kafka.server.ReplicaManager"),
                        Level.ERROR,
                        REGISTRATION_FAILED,
                        null,
                        notController))
                .as("another logger")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, controllerApis, Level.INFO, "Controller registered", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
