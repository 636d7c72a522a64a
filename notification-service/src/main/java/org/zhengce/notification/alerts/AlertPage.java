package org.zhengce.notification.alerts;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a user's alerts, newest first.
 *
 * @param nextBefore the {@code before} of the next (older) page; null on the last page
 */
record AlertPage(List<AlertView> alerts, @Nullable Long nextBefore) {

    AlertPage {
        alerts = List.copyOf(alerts);
    }

    /** The first {@code limit} of {@code newestFirst}; one more than that means there is a next page. */
    static AlertPage of(List<AlertView> newestFirst, int limit) {
        if (newestFirst.size() <= limit) {
            return new AlertPage(newestFirst, null);
        }
        List<AlertView> page = newestFirst.subList(0, limit);
        return new AlertPage(page, page.get(limit - 1).sequence());
    }
}
