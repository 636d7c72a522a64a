package org.zhengce.democity;

import java.util.List;
import org.zhengce.events.WarningCategory;
import org.zhengce.intake.DepartmentEvent;

/**
 * A scripted story: a household whose standing records leave it just below the warning line, and the few department
 * events that then tip it over, so that the demo shows a warning of the expected category within a minute.
 *
 * @param title what happens, in a line (no personal data)
 * @param expected the warning category scoring's model wuchang-2026.1 raises once the trigger is in
 * @param baseline the household's registration and standing records (registration first)
 * @param trigger what happens next, in order
 */
public record Story(
        String title,
        WarningCategory expected,
        Household household,
        List<DepartmentEvent> baseline,
        List<DepartmentEvent> trigger) {

    public Story {
        baseline = List.copyOf(baseline);
        trigger = List.copyOf(trigger);
    }
}
