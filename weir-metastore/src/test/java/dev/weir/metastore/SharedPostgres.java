package dev.weir.metastore;

import dev.weir.core.spec.DatabaseLogin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for every test class of this JVM, started on first use and stopped when
 * the JVM ends. The superuser signs in without a password; {@link #LOGIN} must give its password,
 * so a test can tell a wrong one from a right one. Each test takes a database of its own.
 */
final class SharedPostgres {
    static final DatabaseLogin LOGIN = new DatabaseLogin("weir_team", "planted-S3cret-4711");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static String migrated;

    private SharedPostgres() {}

    static synchronized EmbeddedPostgres get() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setLocaleConfig("locale", "C")
                        .start();
                requirePasswords(postgres);
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

    /** A new, empty database owned by {@link #LOGIN}, as a URL without credentials. */
    static String newDatabase() {
        return create("");
    }

    /**
     * A new database with the latest metastore schema, copied from one migrated once per JVM:
     * Flyway takes most of a second per database, a copy a few milliseconds.
     */
    static synchronized String newMigratedDatabase() {
        if (migrated == null) {
            String url = newDatabase();
            SqlMetastore.open(url, Optional.of(LOGIN)).close();
            migrated = url.substring(url.lastIndexOf('/') + 1);
        }
        return create(" TEMPLATE " + migrated);
    }

    private static String create(String template) {
        String name = "weir_test_" + DATABASES.incrementAndGet();
        sql("CREATE DATABASE " + name + " OWNER " + LOGIN.user() + template);
        return "jdbc:postgresql://localhost:" + get().getPort() + "/" + name;
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

    // initdb trusts every local connection; the superuser keeps that, the team role needs its password
    private static void requirePasswords(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + LOGIN.user() + " LOGIN PASSWORD '" + LOGIN.password() + "'");
            Path hba;
            try (ResultSet row = s.executeQuery("SHOW hba_file")) {
                row.next();
                hba = Path.of(row.getString(1));
            }
            Files.writeString(
                    hba,
                    String.join(
                            "\n",
                            "local all postgres trust",
                            "host all postgres 127.0.0.1/32 trust",
                            "host all postgres ::1/128 trust",
                            "local all all scram-sha-256",
                            "host all all 127.0.0.1/32 scram-sha-256",
                            "host all all ::1/128 scram-sha-256",
                            ""));
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
