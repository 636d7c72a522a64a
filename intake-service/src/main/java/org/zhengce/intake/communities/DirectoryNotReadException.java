package org.zhengce.intake.communities;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Referral's directory has not been read to the end of its topic yet (the registry or the broker not answering since
 * intake started), so whether a community is known cannot be said: the event is answered "unavailable, send it
 * again" (a transient failure), never rejected for a community the directory may well have.
 */
final class DirectoryNotReadException extends RetriableException {

    private static final long serialVersionUID = 1L;

    DirectoryNotReadException(String topic) {
        super("the organisation structure (topic " + topic + ") is not read yet: the community cannot be checked");
    }
}
