package org.zhengce.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.NotControllerException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Drops the embedded broker's log lines that report a normal step of its own start as an error, and only those.
 *
 * <p>On a restart, the combined broker and controller node registers its controller listener with itself
 * ({@code CONTROLLER_REGISTRATION}) while its controller may still be replaying the metadata log. The controller
 * answers {@link NotControllerException} ("The active controller appears to be node 1"), its request handler
 * ({@code kafka.server.ControllerApis}) logs every failed request at ERROR with the stack trace, and the broker's
 * {@code ControllerRegistrationManager} simply sends the registration again, which then succeeds. Nothing is lost
 * and nothing is for an operator to do; any other error of the controller, and this one for any other request,
 * still shows.
 */
public final class BenignBrokerMessages extends TurboFilter {

    private static final String CONTROLLER_APIS = "kafka.server.ControllerApis";
    private static final String REGISTRATION = "apiKey=CONTROLLER_REGISTRATION";

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
        return selfRegistrationBeforeActivation ? FilterReply.DENY : FilterReply.NEUTRAL;
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
