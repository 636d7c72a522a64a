package org.zhengce.kit.jurisdictions;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Referral's directory has not been read yet (its topic not created yet, or the registry or the broker not answering
 * since the service started), so whether a community is known cannot be said: a transient failure ("unavailable,
 * send it again"), never an answer that a community the directory may well have is unknown.
 */
public final class DirectoryNotReadException extends RetriableException {

    private static final long serialVersionUID = 1L;

    DirectoryNotReadException(String topic) {
        super("the organisation structure (topic " + topic + ") is not read yet: the community cannot be checked");
    }
}
