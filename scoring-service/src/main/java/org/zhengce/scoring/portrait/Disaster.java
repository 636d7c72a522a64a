package org.zhengce.scoring.portrait;

import org.jspecify.annotations.Nullable;
import org.zhengce.events.DisasterSeverity;
import org.zhengce.events.DisasterType;

/** 受灾 {@code DisasterAffected}: the disaster, how badly, and the loss in fen when known. */
public record Disaster(
        @Nullable String person,
        DisasterType disaster,
        DisasterSeverity severity,
        @Nullable Long lossFen,
        Source source)
        implements Fact {}
