package dev.weir.duckdb;

import dev.weir.core.quality.CheckTarget;
import dev.weir.core.quality.RejectReason;
import dev.weir.core.spec.CheckRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of row-level checks: for each rule, a predicate that is true exactly when a row of the
 * relation aliased {@code r} violates it, and an expression saying why. NULL values pass every
 * rule but not_null, which is the rule for them.
 */
final class CheckSql {
    static final String ROW = "r";

    private CheckSql() {}

    static String violation(CheckRule.RowRule rule, CheckTarget target) {
        if (rule instanceof CheckRule.NotNull notNull) {
            return column(notNull.column()) + " IS NULL";
        }
        if (rule instanceof CheckRule.Unique unique) {
            return uniqueViolation(unique.columns(), target);
        }
        if (rule instanceof CheckRule.Range range) {
            String c = column(range.column());
            String outside = range.min().map(min -> c + " < " + literal(min)).orElse("false") + " OR "
                    + range.max().map(max -> c + " > " + literal(max)).orElse("false");
            return "coalesce(" + outside + ", false)";
        }
        if (rule instanceof CheckRule.AcceptedValues accepted) {
            return "coalesce(" + text(accepted.column()) + " NOT IN ("
                    + accepted.values().stream().map(Sql::literal).collect(Collectors.joining(", ")) + "), false)";
        }
        if (rule instanceof CheckRule.Matches matches) {
            return "coalesce(NOT regexp_full_match(" + text(matches.column()) + ", " + Sql.literal(matches.pattern())
                    + "), false)";
        }
        if (rule instanceof CheckRule.Expression expression) {
            return "(" + expression.sql() + ") IS NOT TRUE";
        }
        throw new IllegalArgumentException("unhandled row rule " + rule);
    }

    /** Text naming the failing value, e.g. {@code quantity = -2 is below 1}. */
    /** The SQL text of the reason core gives for a row failing {@code rule}. */
    static String reason(CheckRule.RowRule rule) {
        return RejectReason.of(rule).parts().stream()
                .map(p -> p instanceof RejectReason.Text t
                        ? Sql.literal(t.text())
                        : "coalesce(" + text(((RejectReason.Value) p).column()) + ", 'NULL')")
                .collect(Collectors.joining(" || "));
    }

    /**
     * Duplicates within the relation, and rows whose key is already among {@code existingRows}. A
     * window function cannot stand in a WHERE clause, so the predicate is only used in select lists.
     */
    private static String uniqueViolation(List<String> columns, CheckTarget target) {
        String notNull = columns.stream().map(c -> column(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String duplicated = "count(*) OVER (PARTITION BY "
                + columns.stream().map(CheckSql::column).collect(Collectors.joining(", ")) + ") > 1";
        String existing = target.existingRows()
                .map(rel -> " OR EXISTS (SELECT 1 FROM " + Sql.relation(rel) + " e WHERE "
                        + Sql.keyJoin("e", ROW, columns) + ")")
                .orElse("");
        return "(" + notNull + " AND (" + duplicated + existing + "))";
    }

    private static String column(String name) {
        return ROW + "." + Sql.ident(name);
    }

    private static String text(String name) {
        return "CAST(" + column(name) + " AS VARCHAR)";
    }

    private static String literal(CheckRule.Literal literal) {
        return literal.numeric() ? literal.text() : Sql.literal(literal.text());
    }
}
