package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotControllerException;
import org.junit.jupiter.api.Test;

class BenignBrokerMessagesTests {

    private static final String REGISTRATION_FAILED = "[ControllerApis nodeId=1] Unexpected error handling request"
            + " RequestHeader(apiKey=CONTROLLER_REGISTRATION, apiVersion=0, clientId=1, correlationId=0)";

    private final LoggerContext context = new LoggerContext();
    private final Logger controllerApis = context.getLogger("kafka.server.ControllerApis");
    private final BenignBrokerMessages filter = new BenignBrokerMessages();
    private final Throwable notController =
            new CompletionException(new NotControllerException("The active controller appears to be node 1."));

    @Test
    void theControllerRefusingItsOwnNodesRegistrationBeforeItIsActiveIsDropped() {
        assertThat(filter.decide(null, controllerApis, Level.ERROR, REGISTRATION_FAILED, null, notController))
                .isEqualTo(FilterReply.DENY);
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
