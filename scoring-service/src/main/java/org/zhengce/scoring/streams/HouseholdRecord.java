package org.zhengce.scoring.streams;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.zhengce.scoring.portrait.Portrait;

/**
 * Everything scoring keeps about a household, in one value of the {@value Stores#PORTRAITS} store: its portrait and
 * what scoring last published for it (score, the model version it was scored under, warning state, next due time).
 * Written by {@link HouseholdRecordSerde}.
 *
 * @param state null only for a household kept in the format before this record, whose state is still in the
 *     {@value Stores#STATES} store until its next assessment migrates it
 */
public record HouseholdRecord(Portrait portrait, @Nullable HouseholdState state) {

    public HouseholdRecord {
        Objects.requireNonNull(portrait, "portrait");
    }
}
