package dev.weir.connectors.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test JVM, started on first use (about 1.3 s) and stopped when
 * the JVM exits; each test takes a database of its own. Run as root, the embedded binaries run
 * initdb through {@code unshare -U}.
 */
final class SharedPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private SharedPostgres() {}

    private static final class Holder {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setLocaleConfig("locale", "C")
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
    static String newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection admin = Holder.SERVER.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    static String url(String database) {
        return "jdbc:postgresql://localhost:" + Holder.SERVER.getPort() + "/" + database;
    }

    /** Runs {@code sql} statements in the database at {@code url}, as the server's superuser. */
    static void execute(String url, String... sql) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
