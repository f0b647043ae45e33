package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a quality check asserts. Row-level rules judge each row on its own (a failing row can be
 * quarantined); table-level rules judge a relation as a whole.
 */
public sealed interface CheckRule {
    /** The YAML {@code type:} of the rule. */
    String type();

    /** The columns of the checked relation the rule is about (none for some table-level rules). */
    List<String> columns();

    /** A rule that judges each row; its failing rows can be quarantined. */
    sealed interface RowRule extends CheckRule {}

    /** A rule that judges a whole relation. */
    sealed interface TableRule extends CheckRule {}

    /** The column is never NULL. */
    record NotNull(String column) implements RowRule {
        public NotNull {
            Objects.requireNonNull(column, "column is null");
        }

        @Override
        public String type() {
            return "not_null";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * No two rows share their {@code columns}: within the batch before a load, and also against
     * the published table when the load appends; over the whole table after a load.
     */
    record Unique(List<String> columns) implements RowRule {
        public Unique {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("unique needs at least one column");
            }
        }

        @Override
        public String type() {
            return "unique";
        }
    }

    /**
     * Non-NULL values lie within {@code min} and {@code max} (inclusive). Bounds are literals as
     * written: numbers, or text such as dates that the engine compares in the column's type.
     */
    record Range(String column, Optional<Literal> min, Optional<Literal> max) implements RowRule {
        public Range {
            Objects.requireNonNull(column, "column is null");
            if (min.isEmpty() && max.isEmpty()) {
                throw new IllegalArgumentException("range needs min or max");
            }
        }

        @Override
        public String type() {
            return "range";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Non-NULL values are one of {@code values}, compared as text. */
    record AcceptedValues(String column, List<String> values) implements RowRule {
        public AcceptedValues {
            Objects.requireNonNull(column, "column is null");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("enum needs at least one value");
            }
        }

        @Override
        public String type() {
            return "enum";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Non-NULL values, as text, match {@code pattern} in full (RE2/Java regular expression syntax). */
    record Matches(String column, String pattern) implements RowRule {
        public Matches {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(pattern, "pattern is null");
        }

        @Override
        public String type() {
            return "regex";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** A SQL boolean expression over the row's columns that must be true; false or NULL fails the row. */
    record Expression(String sql) implements RowRule {
        public Expression {
            Objects.requireNonNull(sql, "sql is null");
        }

        @Override
        public String type() {
            return "custom";
        }

        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /** The newest value of the timestamp {@code column} is at most {@code maxAgeHours} old. */
    record Freshness(String column, double maxAgeHours) implements TableRule {
        public Freshness {
            Objects.requireNonNull(column, "column is null");
            if (!(maxAgeHours > 0)) {
                throw new IllegalArgumentException("max_age_hours must be positive");
            }
        }

        @Override
        public String type() {
            return "freshness";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * The row count lies within {@code minRows} and {@code maxRows}, and differs from the
     * published table's (or, for a published table, its previous snapshot's) by at most
     * {@code maxChangePercent}.
     */
    record Volume(OptionalLong minRows, OptionalLong maxRows, OptionalDouble maxChangePercent) implements TableRule {
        public Volume {
            if (minRows.isEmpty() && maxRows.isEmpty() && maxChangePercent.isEmpty()) {
                throw new IllegalArgumentException("volume needs min_rows, max_rows or max_change_percent");
            }
        }

        @Override
        public String type() {
            return "volume";
        }

        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /** Every non-NULL value of {@code column} appears in {@code toColumn} of the Weir table {@code toTable}. */
    record Referential(String column, TableId toTable, String toColumn) implements TableRule {
        public Referential {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(toTable, "toTable is null");
            Objects.requireNonNull(toColumn, "toColumn is null");
        }

        @Override
        public String type() {
            return "referential";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * No single value of {@code column} holds more than {@code maxSharePercent} of the rows; with
     * {@code maxDriftPercent}, no value's share moved by more than that many points against the
     * published table (or previous snapshot).
     */
    record Distribution(String column, OptionalDouble maxSharePercent, OptionalDouble maxDriftPercent)
            implements TableRule {
        public Distribution {
            Objects.requireNonNull(column, "column is null");
            if (maxSharePercent.isEmpty() && maxDriftPercent.isEmpty()) {
                throw new IllegalArgumentException("distribution needs max_share_percent or max_drift_percent");
            }
        }

        @Override
        public String type() {
            return "distribution";
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * An aggregate over the checked relation agrees with one over {@code source} within
     * {@code tolerancePercent} of the source's value. {@code source} empty means the run's
     * extracted batch; otherwise a Weir table.
     */
    record Reconciliation(
            Optional<TableId> source, String sourceExpression, String targetExpression, double tolerancePercent)
            implements TableRule {
        public Reconciliation {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(sourceExpression, "sourceExpression is null");
            Objects.requireNonNull(targetExpression, "targetExpression is null");
            if (tolerancePercent < 0) {
                throw new IllegalArgumentException("tolerance_percent must not be negative");
            }
        }

        @Override
        public String type() {
            return "reconciliation";
        }

        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /**
     * A SQL query that returns the violations, one row each; it passes when it returns none. The
     * relation being checked is named {@code {{ this }}} in the query.
     */
    record ViolationQuery(String sql) implements TableRule {
        public static final String THIS = "{{ this }}";

        public ViolationQuery {
            Objects.requireNonNull(sql, "sql is null");
        }

        @Override
        public String type() {
            return "custom_sql";
        }

        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /** A bound as written in YAML: a number, or text the engine compares in the column's type. */
    record Literal(String text, boolean numeric) {
        public Literal {
            Objects.requireNonNull(text, "text is null");
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
