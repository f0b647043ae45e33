package dev.weir.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The floor Weir's full load is measured against: raw DuckDB reading the same CSV with the reader
 * options Weir's engine passes (weir-duckdb's BatchReaders: declared columns, no sniffing, strict
 * mode, a 4 MB buffer) and writing one zstd Parquet file, in a JVM like Weir's. DuckDB's defaults
 * (a 32 MB buffer per thread) are slower here, so a floor with them would flatter Weir.
 * Usage: {@code DuckDbFloor in.csv out.parquet}.
 */
public final class DuckDbFloor {
    /** BatchReaders' CSV options for a file source with the default CSV settings. */
    static final String WEIR_CSV_OPTIONS = "header = true, delim = ',', quote = '\"', escape = '\"',"
            + " encoding = 'utf-8', strict_mode = true, buffer_size = 4194304, auto_detect = false";

    private DuckDbFloor() {}

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("COPY (SELECT * FROM read_csv('" + args[0] + "', " + WEIR_CSV_OPTIONS + ", columns = "
                    + DataGenerator.COLUMNS_SQL + ")) TO '" + args[1] + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }
}
