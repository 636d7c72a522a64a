package org.zhengce.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.NotControllerException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Drops the log lines in which Kafka reports a normal step of its own start as a problem, and only those; each rule
 * names one message and why nothing is lost and nothing is for an operator to do.
 *
 * <ul>
 *   <li><b>The embedded broker's registration with itself.</b> On a restart, the combined broker and controller node
 *       registers its controller listener with itself ({@code CONTROLLER_REGISTRATION}) while its controller may
 *       still be replaying the metadata log. The controller answers {@link NotControllerException} ("The active
 *       controller appears to be node 1"), its request handler ({@code kafka.server.ControllerApis}) logs every
 *       failed request at ERROR with the stack trace, and the broker's {@code ControllerRegistrationManager} sends
 *       the registration again, which then succeeds. Any other error of the controller, and this one for any other
 *       request, still shows.
 *   <li><b>A global store's end offsets.</b> Before it restores a global store (scoring's published models), Kafka
 *       Streams asks the global consumer for the end offsets of partitions it has not assigned yet; with
 *       exactly-once the consumer reads committed records only, receives each partition's last stable offset with
 *       the answer and warns that it does not record it for a partition "no longer assigned" (it never was). The
 *       restore reads to the end offsets it asked for all the same. Other consumers' warnings, and the global
 *       consumers' other warnings, still show.
 *   <li><b>The embedded broker's registration channel closed twice.</b> When the broker shuts down, its channel to
 *       its own controller for registration ({@code NodeToControllerChannelManager ... name=registration}) is closed
 *       by the registration manager and again by the broker, and the second close warns that the client "has already
 *       been closed". Closing twice releases nothing twice; every other client's warning still shows.
 * </ul>
 */
public final class BenignKafkaMessages extends TurboFilter {

    private static final String CONTROLLER_APIS = "kafka.server.ControllerApis";
    private static final String REGISTRATION = "apiKey=CONTROLLER_REGISTRATION";
    private static final String OFFSET_FETCHER = "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils";
    private static final String GLOBAL_CONSUMER = "-global-consumer,";
    private static final String UNRECORDED_STABLE_OFFSET = "Not updating last stable offset for partition";
    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final String REGISTRATION_CHANNEL = "NodeToControllerChannelManager";
    private static final String REGISTRATION_CHANNEL_NAME = "name=registration]";
    private static final String CLOSED_TWICE = "Attempting to close NetworkClient that has already been closed";

    @Override
    public FilterReply decide(
            @Nullable Marker marker,
            @Nullable Logger logger,
            @Nullable Level level,
            @Nullable String format,
            Object @Nullable [] params,
            @Nullable Throwable t) {
        if (logger == null || level == null || format == null) {
            return FilterReply.NEUTRAL;
        }
        boolean selfRegistrationBeforeActivation = level == Level.ERROR
                && logger.getName().equals(CONTROLLER_APIS)
                && format.contains(REGISTRATION)
                && causedByNotController(t);
        boolean globalStoresEndOffsets = level == Level.WARN
                && logger.getName().equals(OFFSET_FETCHER)
                && format.contains(GLOBAL_CONSUMER)
                && format.contains(UNRECORDED_STABLE_OFFSET);
        boolean registrationChannelClosedTwice = level == Level.WARN
                && logger.getName().equals(NETWORK_CLIENT)
                && format.contains(REGISTRATION_CHANNEL)
                && format.contains(REGISTRATION_CHANNEL_NAME)
                && format.contains(CLOSED_TWICE);
        return selfRegistrationBeforeActivation || globalStoresEndOffsets || registrationChannelClosedTwice
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }

    private static boolean causedByNotController(@Nullable Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotControllerException) {
                return true;
            }
        }
        return false;
    }
}
