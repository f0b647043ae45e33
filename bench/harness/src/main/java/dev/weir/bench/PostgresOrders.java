package dev.weir.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * One embedded PostgreSQL for the whole invocation (zonky's binaries, started once, about 1.5 s;
 * as root it runs initdb through {@code unshare -U}), holding table {@code public.orders}: the
 * generated orders CSV of one size, loaded with {@code COPY FROM STDIN}, with a primary key, frozen
 * and analysed so that no contender's read is the one that sets the rows' hint bits. Its WAL is
 * logical, so the CDC stream scenario reads its changes from the same server.
 */
final class PostgresOrders implements AutoCloseable {
    static final String USER = "postgres";
    /** The server trusts local connections; the password is there because a connection file must name one. */
    static final String PASSWORD = "bench";

    static final String TABLE_DDL = "CREATE TABLE public.orders ("
            + "order_id bigint PRIMARY KEY, customer_id bigint NOT NULL, order_ts timestamp NOT NULL,"
            + " order_date date NOT NULL, amount numeric(10,2) NOT NULL, status text NOT NULL, country text NOT NULL,"
            + " email text NOT NULL, note text, updated_at timestamp NOT NULL)";

    private final EmbeddedPostgres server;
    private long loadedRows = -1;

    private PostgresOrders(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts a server whose data directory is {@code dataDir} (emptied first). Durability is off
     * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}): it speeds up loading
     * and writing and changes nothing a read or a replication slot does.
     */
    static PostgresOrders start(Path dataDir) {
        try {
            Directories.delete(dataDir);
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("max_wal_senders", "4")
                    .start();
            return new PostgresOrders(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    int port() {
        return server.getPort();
    }

    /** Replaces {@code public.orders} with the rows of {@code csv} (a generated file with a header), unless it holds them already. */
    long load(Path csv, long rows) {
        if (loadedRows == rows) {
            return rows;
        }
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS public.orders");
            s.execute(TABLE_DDL);
            try (InputStream in = Files.newInputStream(csv)) {
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY public.orders FROM STDIN (FORMAT csv, HEADER true)", in, 1 << 20);
            }
            s.execute("VACUUM (FREEZE, ANALYZE) public.orders");
            try (ResultSet count = s.executeQuery("SELECT count(*) FROM public.orders")) {
                count.next();
                loadedRows = count.getLong(1);
            }
            if (loadedRows != rows) {
                throw new IllegalStateException("public.orders holds " + loadedRows + " rows, not " + rows);
            }
            return loadedRows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load " + csv + " into PostgreSQL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of {@code public.orders} on disk, table and indexes, as PostgreSQL prints it. */
    String tableSize() {
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet size = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('public.orders'))")) {
            size.next();
            return size.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
