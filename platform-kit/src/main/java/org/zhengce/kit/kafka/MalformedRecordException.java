package org.zhengce.kit.kafka;

/**
 * A record that could be read but makes no sense (a case id that is not a UUID, an assignment to nobody): not
 * retried, sent to the dead-letter topic with this message as its reason.
 */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }
}
