package dev.weir.core.schema;

import java.util.Objects;

/**
 * One difference between the columns a run loads and what they are compared with: the target
 * table, or the table's contract. {@code from} and {@code to} are Iceberg type names (for a
 * rename, the old and new column names); empty when they do not apply.
 */
public record SchemaChange(Kind kind, String column, String from, String to, String against) {
    public enum Kind {
        /** A column that is not there yet: the table gains it (rows loaded before read NULL). */
        ADDED(false),
        /** A column the contract says was renamed from {@code from}: the table renames it, keeping its data. */
        RENAMED(false),
        /** A type Iceberg promotes safely (int to long, float to double, a wider decimal): the table's type widens. */
        WIDENED(false),
        /** A column that is no longer loaded: its readers would lose it. */
        REMOVED(true),
        /** A type that cannot be promoted safely, or that differs from the one the contract promises. */
        TYPE_CHANGED(true);

        private final boolean breaking;

        Kind(boolean breaking) {
            this.breaking = breaking;
        }

        public boolean breaking() {
            return breaking;
        }
    }

    public SchemaChange {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(against, "against is null");
    }

    public boolean breaking() {
        return kind.breaking();
    }

    /** {@code column 'quantity' changed type from long to string (against table silver.orders)}. */
    public String describe() {
        String what = switch (kind) {
            case ADDED -> "column '" + column + "' is new (" + to + ")";
            case RENAMED -> "column '" + from + "' is renamed to '" + column + "'";
            case WIDENED -> "column '" + column + "' widens from " + from + " to " + to;
            case REMOVED -> "column '" + column + "' (" + from + ") is no longer loaded";
            case TYPE_CHANGED -> "column '" + column + "' changes type from " + from + " to " + to;
        };
        return what + " (against " + against + ")";
    }
}
