package org.zhengce.scoring.portrait;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.Urgency;

/**
 * An offline finding (线下发现): a visit recorded ({@code VisitRecorded}) or a tip reported ({@code TipReported}); the
 * source's event type tells which.
 */
public record Finding(
        @Nullable String person,
        ReporterRole reporterRole,
        @Nullable String reporterId,
        List<String> needs,
        Urgency urgency,
        @Nullable String note,
        Source source)
        implements Fact {

    public Finding {
        needs = List.copyOf(needs);
    }
}
