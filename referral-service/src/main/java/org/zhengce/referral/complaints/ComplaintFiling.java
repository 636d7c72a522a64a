package org.zhengce.referral.complaints;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ComplaintSubject;

/**
 * A complaint as filed: the case it is about, its category (checked by {@link Complaints}, so an unknown one is
 * answered with its rule), what in the case it is about, and what the complainant says (identity numbers masked as
 * the body is read).
 *
 * @param category one of {@link org.zhengce.events.ComplaintCategory}'s symbols
 * @param subject the case as a whole (the default), one of its decisions ({@code decisionId}) or a person
 *     ({@code personId}, a user id)
 * @param onBehalfOfHousehold an advisor records the household's own complaint (absent: false)
 */
record ComplaintFiling(
        @NotNull UUID caseId,
        @NotBlank @Size(max = 40) String category,
        @Nullable ComplaintSubject subject,
        @Nullable @Size(max = 200) String decisionId,
        @Nullable @Size(max = 200) String personId,
        @NotBlank @Size(max = 4000) String description,
        @Nullable Boolean onBehalfOfHousehold) {

    boolean recordedForHousehold() {
        return Boolean.TRUE.equals(onBehalfOfHousehold);
    }
}
