package org.zhengce.notification.alerts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic ids: a name-based UUID of the parts, so that the same thing done twice has the same id. */
public final class Ids {

    private Ids() {}

    public static UUID of(String kind, String... parts) {
        StringBuilder name = new StringBuilder("notification:").append(kind);
        for (String part : parts) {
            name.append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
