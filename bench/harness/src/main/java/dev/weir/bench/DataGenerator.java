package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Deterministic orders-like data: every value is a function of the row number (DuckDB's
 * {@code hash} of it and a column salt), so the same size always gives byte-identical files.
 * Columns: a key, timestamps rising with the key (recent orders have high ids), a decimal, low-
 * and high-cardinality strings and a column that is NULL in about 10% of rows.
 */
final class DataGenerator implements AutoCloseable {
    static final String COLUMNS_SQL =
            "{'order_id': 'BIGINT', 'customer_id': 'BIGINT', 'order_ts': 'TIMESTAMP', 'order_date': 'DATE', "
                    + "'amount': 'DECIMAL(10,2)', 'status': 'VARCHAR', 'country': 'VARCHAR', 'email': 'VARCHAR', 'note': 'VARCHAR', "
                    + "'updated_at': 'TIMESTAMP'}";
    private static final long SECONDS_PER_YEAR = 365L * 24 * 3600;

    private final Connection duckdb;

    DataGenerator(Path scratch) {
        try {
            Files.createDirectories(scratch);
            duckdb = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = duckdb.createStatement()) {
                s.execute("SET temp_directory = '" + scratch.resolve("spill") + "'");
                s.execute("SET TimeZone = 'UTC'");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot start DuckDB for data generation", e);
        }
    }

    /** Rows with order ids {@code [first, first + count)} of a table of {@code total} rows, version {@code version}. */
    static String rows(long first, long count, long total, int version) {
        return "SELECT order_id, customer_id, order_ts, CAST(order_ts AS DATE) AS order_date, amount, status, country, email, note,"
                + " order_ts + INTERVAL (" + version + " * 3600) SECOND AS updated_at FROM ("
                + " SELECT i AS order_id,"
                + " CAST(hash(i, 1) % 1000000 AS BIGINT) AS customer_id,"
                + " TIMESTAMP '2024-01-01' + to_seconds(CAST(i * " + SECONDS_PER_YEAR + " // " + Math.max(total, 1)
                + " AS BIGINT)) AS order_ts,"
                + " CAST((hash(i, 2 + " + version + ") % 100000) / 100.0 AS DECIMAL(10,2)) AS amount,"
                + " ['placed', 'paid', 'shipped', 'delivered', 'cancelled'][1 + CAST((hash(i, 3 + " + version
                + ") % 5) AS INTEGER)] AS status,"
                + " ['DE', 'FR', 'NL', 'US', 'GB', 'ES', 'IT', 'PL'][1 + CAST((hash(i, 4) % 8) AS INTEGER)] AS country,"
                + " 'user' || (hash(i, 5) % 5000000) || '@example.com' AS email,"
                + " CASE WHEN hash(i, 6) % 10 = 0 THEN NULL ELSE 'note ' || (hash(i, 7) % 1000) END AS note"
                + " FROM range(" + first + ", " + (first + count) + ") t(i))";
    }

    void csv(String query, Path file) {
        copy(query, file, "FORMAT csv, HEADER true");
    }

    void parquet(String query, Path file) {
        copy(query, file, "FORMAT parquet, COMPRESSION zstd");
    }

    private void copy(String query, Path file, String options) {
        try (Statement s = duckdb.createStatement()) {
            Files.createDirectories(file.getParent());
            s.execute("COPY (" + query + ") TO '" + file + "' (" + options + ")");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot generate " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            duckdb.close();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
