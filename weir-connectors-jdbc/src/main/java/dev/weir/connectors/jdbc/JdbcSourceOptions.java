package dev.weir.connectors.jdbc;

import dev.weir.core.spi.Lookback;
import dev.weir.core.spi.SourceOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A JDBC source's settings, read and checked when the project loads.
 *
 * @param connection the connection {@code extract.connection} names, read from its file
 * @param relation what to read: a table or a query
 * @param primaryKey {@code extract.primary_key}: the columns that tie-break the watermark; empty to take the table's own
 * @param lookback how far below the last cursor value each incremental run reads again
 * @param fetchSize how many rows the driver holds at a time
 * @param nullCursor what happens to rows whose cursor is NULL
 */
public record JdbcSourceOptions(
        ConnectionSpec connection,
        Relation relation,
        List<String> primaryKey,
        Lookback lookback,
        int fetchSize,
        NullCursorPolicy nullCursor)
        implements SourceOptions {
    public JdbcSourceOptions {
        Objects.requireNonNull(connection, "connection is null");
        Objects.requireNonNull(relation, "relation is null");
        primaryKey = List.copyOf(primaryKey);
        Objects.requireNonNull(lookback, "lookback is null");
        Objects.requireNonNull(nullCursor, "nullCursor is null");
        if (fetchSize < 1) {
            throw new IllegalArgumentException("Invalid fetchSize: " + fetchSize);
        }
    }

    /** An incremental read starts at the last cursor value itself ({@code >=}), less the lookback. */
    @Override
    public Optional<String> rereads() {
        return Optional.of("the rows at the last cursor value"
                + (lookback.isNone() ? "" : " and within lookback " + lookback + " below it"));
    }

    /** What a JDBC source reads: {@code extract.table} or {@code extract.query}, exactly one. */
    public record Relation(Optional<String> table, Optional<String> query) {
        public Relation {
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(query, "query is null");
            if (table.isPresent() == query.isPresent()) {
                throw new IllegalArgumentException("Exactly one of table and query must be given");
            }
        }

        /** The relation in SQL: the table's name as written, or the query as a derived table. */
        String sql() {
            return table.orElseGet(() -> "(" + query.orElseThrow() + ") weir_query");
        }

        /** How messages and record origins name it. */
        String describe() {
            return table.orElse("query");
        }
    }
}
