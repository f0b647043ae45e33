package dev.weir.examples.crm;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (the embedded binaries, no installation) holding the CRM's database {@code crm}
 * with the first day's customers and orders, and a read-only role {@code weir_reader} for Weir.
 * Run as root, the binaries run initdb and the server through {@code unshare -U}.
 */
final class CrmDatabase implements AutoCloseable {
    static final String DATABASE = "crm";
    static final String READER = "weir_reader";

    private final EmbeddedPostgres server;

    private CrmDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a new server with its data in {@code dataDirectory} (emptied first) and seeds the first day. */
    static CrmDatabase start(Path dataDirectory, String readerPassword) {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setLocaleConfig("locale", "C")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDirectory, e);
        }
        CrmDatabase database = new CrmDatabase(server);
        try {
            try (Connection admin = server.getPostgresDatabase().getConnection();
                    Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
                s.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + readerPassword.replace("'", "''") + "'");
            }
            try (Connection crm = database.connectAsOwner()) {
                CrmData.createSchema(crm);
                CrmData.seedFirstDay(crm);
                try (Statement s = crm.createStatement()) {
                    s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + READER);
                }
            }
            return database;
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw new IllegalStateException("Cannot seed the CRM database: " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the {@code crm} database. */
    String url() {
        return url(server.getPort());
    }

    static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** A connection as the server's superuser, the owner of the CRM's tables. */
    Connection connectAsOwner() throws SQLException {
        return connectAsOwner(url());
    }

    static Connection connectAsOwner(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL", e);
        }
    }
}
