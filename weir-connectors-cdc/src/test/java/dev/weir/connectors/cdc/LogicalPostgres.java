package dev.weir.connectors.cdc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test JVM with {@code wal_level=logical}, started on first use
 * and stopped when the JVM exits; each test takes a database of its own. Run as root, the embedded
 * binaries run initdb through {@code unshare -U}.
 */
public final class LogicalPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private LogicalPostgres() {}

    private static final class Holder {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setLocaleConfig("locale", "C")
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "32")
                        .setServerConfig("max_wal_senders", "32")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // the JVM is exiting: the data directory is a temporary one
                    }
                }));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The JDBC URL of a new, empty database. */
    public static String newDatabase() {
        String name = "cdc_" + DATABASES.incrementAndGet();
        execute(url("postgres"), "CREATE DATABASE " + name);
        return url(name);
    }

    public static String url(String database) {
        return "jdbc:postgresql://localhost:" + Holder.SERVER.getPort() + "/" + database;
    }

    /** A connection to {@code url} as the server's superuser, in autocommit. */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** Runs {@code sql} statements in the database at {@code url}, as the server's superuser. */
    public static void execute(String url, String... sql) {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
