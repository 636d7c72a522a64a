package org.zhengce.referral.visits;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.zhengce.events.Urgency;

/**
 * A need found on a visit: an item of the service menu, classed by urgency ({@code SOLVE_NOW} solve now,
 * {@code IN_STAGES} in stages, {@code LONG_TERM} long-term).
 */
public record Need(@NotBlank String item, @NotNull Urgency urgency) {}
