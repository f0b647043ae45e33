package dev.weir.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;

/**
 * The floor of the JDBC extract, in one JVM: PostgreSQL's {@code COPY (SELECT * FROM orders) TO
 * STDOUT (FORMAT csv)} through pgjdbc's {@code CopyManager}, streamed into DuckDB, which writes one
 * zstd Parquet file with the columns' own types. Usage: {@code PostgresCopyFloor url user password
 * out.parquet pipe|file}.
 *
 * <p>{@code pipe} (what the bench measures, the faster one) writes the CSV into a named pipe that
 * DuckDB's {@code read_csv} reads at the same time, so PostgreSQL, the copy and DuckDB work side by
 * side; {@code file} copies it all into a file next to the output first, then reads that.
 */
public final class PostgresCopyFloor {
    static final String COPY = "COPY (SELECT * FROM public.orders) TO STDOUT (FORMAT csv)";

    private PostgresCopyFloor() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path parquet = Path.of(args[3]);
        boolean pipe = args[4].equals("pipe");
        Path csv = parquet.resolveSibling(parquet.getFileName() + (pipe ? ".fifo" : ".csv"));
        Files.deleteIfExists(csv);
        AtomicLong copied = new AtomicLong(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Connection pg = DriverManager.getConnection(url, args[1], args[2])) {
            Thread copier = new Thread(() -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 20)) {
                    copied.set(pg.unwrap(PGConnection.class).getCopyAPI().copyOut(COPY, out));
                } catch (Throwable e) { // reported by the main thread
                    failure.set(e);
                }
            });
            if (pipe) {
                mkfifo(csv);
                copier.setDaemon(true); // blocked opening the pipe if DuckDB failed before reading it
                copier.start();
            } else {
                copier.run();
            }
            long written = toParquet(csv, parquet);
            copier.join();
            if (failure.get() != null) {
                throw new IllegalStateException("COPY failed", failure.get());
            }
            if (written != copied.get()) {
                throw new IllegalStateException("PostgreSQL sent " + copied.get() + " rows, DuckDB wrote " + written);
            }
            System.out.println("rows " + written);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static long toParquet(Path csv, Path parquet) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = false, auto_detect = false, columns = "
                    + DataGenerator.COLUMNS_SQL + ")) TO '" + parquet + "' (FORMAT parquet, COMPRESSION zstd)");
            try (ResultSet count = s.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo =
                new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
    }
}
