package dev.weir.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The floor Weir's full load is measured against: raw DuckDB reading the same CSV (same declared
 * columns) and writing one zstd Parquet file, in a JVM like Weir's. Usage: {@code DuckDbFloor in.csv out.parquet}.
 */
public final class DuckDbFloor {
    private DuckDbFloor() {}

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + args[0] + "', header = true, auto_detect = false, columns = "
                    + DataGenerator.COLUMNS_SQL + ")) TO '" + args[1] + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }
}
