package org.zhengce.scoring.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.scoring.model.PortraitRows.Row;

/**
 * A {@link Selector} compiled once per model version: its fact types and those that cancel them as kind numbers, its
 * conditions and {@code latestBy} fields as slots of the values each row was read into. It picks what the selector
 * picks, in the same order, adding the same candidate instants.
 */
final class CompiledSelector {

    private final int index;
    private final int[] kinds;
    private final int[] cancelledBy;
    private final CompiledCondition[] where;
    private final @Nullable Duration window;
    private final boolean latest;
    private final int[] latestBy;

    /** A condition on the value in one slot; the same comparisons as {@link Condition#test}. */
    private record CompiledCondition(int slot, Condition.Op op, Object[] values, long bound) {

        static CompiledCondition of(int slot, Condition condition) {
            long bound =
                    condition.op().ordering() ? ((Number) condition.values().get(0)).longValue() : 0;
            return new CompiledCondition(
                    slot, condition.op(), condition.values().toArray(), bound);
        }

        boolean test(@Nullable Object value) {
            if (value == null) {
                return false;
            }
            switch (op) {
                case AT_LEAST:
                    return ((Number) value).longValue() >= bound;
                case AT_MOST:
                    return ((Number) value).longValue() <= bound;
                case ABOVE:
                    return ((Number) value).longValue() > bound;
                case BELOW:
                    return ((Number) value).longValue() < bound;
                default:
                    boolean listed = false;
                    for (Object expected : values) {
                        if (same(expected, value)) {
                            listed = true;
                            break;
                        }
                    }
                    return op == Condition.Op.NOT_IN ? !listed : listed;
            }
        }

        private static boolean same(Object expected, Object actual) {
            if (expected == actual) {
                // an enum symbol (most conditions), or a boxed value the model shares with the fact
                return true;
            }
            if (expected instanceof Number e && actual instanceof Number a) {
                return e.longValue() == a.longValue();
            }
            return expected.equals(actual);
        }
    }

    CompiledSelector(int index, Selector selector, FactKinds kinds) {
        this.index = index;
        this.kinds = selector.facts().stream().mapToInt(kinds::kind).toArray();
        this.cancelledBy = selector.cancelledBy().stream().mapToInt(kinds::kind).toArray();
        int first = this.kinds[0];
        this.where = selector.where().stream()
                .map(c -> CompiledCondition.of(kinds.slot(first, c.field()), c))
                .toArray(CompiledCondition[]::new);
        this.window = selector.window();
        this.latest = selector.latest();
        this.latestBy = selector.latestBy().stream()
                .mapToInt(field -> kinds.slot(first, field))
                .toArray();
    }

    /** Its number in the model, by which a prepared portrait keeps what it worked out for it. */
    int index() {
        return index;
    }

    int[] kinds() {
        return kinds;
    }

    int[] latestBy() {
        return latestBy;
    }

    /**
     * The rows picked at {@code at}, oldest first: of its kinds, happened by {@code at}, not cancelled by a later fact
     * of the same subject, the latest of their group when asked, inside the window (when each leaves it is a
     * candidate), passing every condition.
     */
    List<Row> select(PortraitRows portrait, Instant at, LocalDate day, Candidates candidates) {
        Row[] all = portrait.rows(this, day);
        int n = PortraitRows.count(all, kinds[0], at);
        Row[] cancellers = cancellers(portrait, at, day);
        boolean[] kept = null;
        if (latest) {
            int[] groups = portrait.groups(this, all);
            boolean[] seen = new boolean[portrait.groupCount(this)];
            kept = new boolean[n];
            for (int i = n - 1; i >= 0; i--) {
                if (!cancelled(all[i], cancellers) && !seen[groups[i]]) {
                    seen[groups[i]] = true;
                    kept[i] = true;
                }
            }
        }
        List<Row> selected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Row row = all[i];
            if (kept != null ? !kept[i] : cancelled(row, cancellers)) {
                continue;
            }
            if (window != null) {
                Instant leaves = row.occurredAt().plus(window);
                if (!leaves.isAfter(at)) {
                    continue;
                }
                candidates.add(leaves);
            }
            if (matches(row)) {
                selected.add(row);
            }
        }
        return selected;
    }

    /** Each subject's latest fact of a cancelling kind by {@code at}, null when none is asked for. */
    private @Nullable Row @Nullable [] cancellers(PortraitRows portrait, Instant at, LocalDate day) {
        if (cancelledBy.length == 0) {
            return null;
        }
        Row[] latestOf = new Row[portrait.subjects()];
        for (int kind : cancelledBy) {
            Row[] rows = portrait.rows(kind, day);
            int n = PortraitRows.count(rows, kind, at);
            for (int i = 0; i < n; i++) {
                Row held = latestOf[rows[i].subject];
                if (held == null || PortraitRows.compare(rows[i], held) > 0) {
                    latestOf[rows[i].subject] = rows[i];
                }
            }
        }
        return latestOf;
    }

    private static boolean cancelled(Row row, @Nullable Row @Nullable [] cancellers) {
        if (cancellers == null) {
            return false;
        }
        Row canceller = cancellers[row.subject];
        return canceller != null && PortraitRows.compare(canceller, row) > 0;
    }

    private boolean matches(Row row) {
        for (CompiledCondition condition : where) {
            if (!condition.test(row.values[condition.slot()])) {
                return false;
            }
        }
        return true;
    }
}
