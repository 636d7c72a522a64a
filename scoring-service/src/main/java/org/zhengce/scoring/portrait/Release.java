package org.zhengce.scoring.portrait;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ReleaseKind;

/** 刑释解教 {@code ReleasedFromCustody}: a member released from prison, re-education or rehabilitation. */
public record Release(@Nullable String person, LocalDate releaseDate, ReleaseKind kind, Source source)
        implements Fact {}
