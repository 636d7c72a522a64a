package org.zhengce.democity;

import org.jspecify.annotations.Nullable;
import org.zhengce.events.Programme;

/** A household's economic standing, and the programme civil affairs has it in (if any). */
public enum Standing {
    /** Income per head above the low-income line. */
    ORDINARY(null),
    /** Income per head between the dibao line and the low-income line, never applied (沉默的少数). */
    LOW_INCOME_UNREGISTERED(null),
    /** Income per head below the dibao line, never applied: the silent few the platform is for. */
    HIDDEN_POOR(null),
    /** A registered low-income household (低收入家庭). */
    LOW_INCOME(Programme.LOW_INCOME),
    /** Minimum living allowance (低保). */
    DIBAO(Programme.DIBAO),
    /** Extreme-poverty support (特困供养): no income, no one obliged and able to support them. */
    EXTREME_POVERTY(Programme.EXTREME_POVERTY_SUPPORT);

    private final @Nullable Programme programme;

    Standing(@Nullable Programme programme) {
        this.programme = programme;
    }

    /** The programme the household is in, or null. */
    public @Nullable Programme programme() {
        return programme;
    }
}
