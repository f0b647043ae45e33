package dev.weir.core.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * One quality check: a rule, its severity and whether its failure blocks the load. {@code name}
 * is what results and alerts call it: the user's {@code name:}, or the rule's type and column.
 * {@code origin} says where it was declared ({@code file:line}), for messages.
 */
public record CheckSpec(String name, CheckRule rule, Severity severity, boolean blocking, String origin) {
    public CheckSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(rule, "rule is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(origin, "origin is null");
        if (severity == Severity.P0 && !blocking) {
            throw new IllegalArgumentException("a P0 check always blocks");
        }
    }

    /** The name a check gets when the user gives none: {@code not_null(order_id)}, {@code volume}. */
    public static String defaultName(CheckRule rule) {
        return rule.columns().isEmpty() ? rule.type() : rule.type() + "(" + String.join(", ", rule.columns()) + ")";
    }

    /** The Weir table the check reads besides the one it checks: a referential check's parent, a reconciliation's source. */
    public Optional<TableId> tableRead() {
        if (rule instanceof CheckRule.Referential referential) {
            return Optional.of(referential.toTable());
        }
        if (rule instanceof CheckRule.Reconciliation reconciliation) {
            return reconciliation.source();
        }
        return Optional.empty();
    }

    public boolean isRowLevel() {
        return rule instanceof CheckRule.RowRule;
    }
}
