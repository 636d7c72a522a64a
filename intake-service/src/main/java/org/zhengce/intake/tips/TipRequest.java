package org.zhengce.intake.tips;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a reporter sends from the tip form. No identity number is asked; one typed into the note or the address is
 * masked before publishing.
 *
 * @param tipId the form's own id for this tip (a re-send with the same id is the same tip, answered the same)
 * @param householdNumber the household's number (户号)
 * @param communityCode the community the reporter is in; optional, and when given it must be theirs
 * @param address where the household lives, as the reporter knows it (kept in the note)
 * @param needs codes of the service menu (e.g. {@code medical.escort})
 * @param urgency {@code SOLVE_NOW}, {@code IN_STAGES} or {@code LONG_TERM}
 */
record TipRequest(
        @Nullable UUID tipId,
        @Nullable String householdNumber,
        @Nullable String communityCode,
        @Nullable String address,
        @Nullable List<String> needs,
        @Nullable String urgency,
        @Nullable String note) {}
