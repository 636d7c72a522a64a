package org.zhengce.intake.pipeline;

import java.util.UUID;

/** No rejected event has the id asked for. */
public class RejectedEventNotFoundException extends RuntimeException {

    private final UUID id;

    public RejectedEventNotFoundException(UUID id) {
        super("no rejected event " + id);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
