package org.zhengce.scoring.warnings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Deterministic ids, so that a re-processed record (an exactly-once replay) gives the same warning and event ids. */
public final class WarningIds {

    private WarningIds() {}

    /** The id of what {@code kind} names for {@code household}, at {@code at}, by the model {@code modelVersion}. */
    public static String of(String household, String kind, Instant at, String modelVersion) {
        return UUID.nameUUIDFromBytes((household + "|" + kind + "|" + at.toEpochMilli() + "|" + modelVersion)
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
