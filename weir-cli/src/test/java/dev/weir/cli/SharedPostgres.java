package dev.weir.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded PostgreSQL for every test class of this JVM, started on first use and stopped when the JVM ends. */
final class SharedPostgres {
    private static EmbeddedPostgres postgres;

    private SharedPostgres() {}

    static synchronized EmbeddedPostgres get() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setLocaleConfig("locale", "C")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending; the data directory is a temporary one
                }
            }));
        }
        return postgres;
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** A new, empty database owned by {@code user}, which signs in with {@code password}. */
    static String newDatabase(String user, String password) {
        String name = "weir_shared_" + DATABASES.incrementAndGet();
        sql(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user + "') THEN CREATE ROLE "
                        + user + " LOGIN PASSWORD '" + password + "'; END IF; END $$",
                "CREATE DATABASE " + name + " OWNER " + user);
        return "jdbc:postgresql://localhost:" + get().getPort() + "/" + name;
    }

    static String url() {
        return "jdbc:postgresql://localhost:" + get().getPort() + "/postgres";
    }

    static void sql(String... statements) {
        try (Connection c = get().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
