package dev.weir.connectors.jdbc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a connection as its spec says, its placeholders resolved now, and turns the driver's
 * errors into messages that name the connection and its file, with every secret hidden.
 */
final class DatabaseConnection {
    private final ConnectionSpec spec;
    private final SecretPlaceholders placeholders;
    private final Redactor redactor;
    private final Drivers drivers;

    DatabaseConnection(ConnectionSpec spec, SecretPlaceholders placeholders, Redactor redactor, Drivers drivers) {
        this.spec = spec;
        this.placeholders = placeholders;
        this.redactor = redactor;
        this.drivers = drivers;
    }

    /**
     * A connection out of autocommit: PostgreSQL streams a result through a cursor only inside a
     * transaction; without one it loads the whole result into memory whatever the fetch size.
     */
    Connection open() {
        Properties properties = new Properties();
        spec.properties().forEach((k, v) -> properties.setProperty(k, resolve(v, "properties." + k)));
        spec.user().ifPresent(u -> properties.setProperty("user", resolve(u, "user")));
        spec.password().ifPresent(p -> properties.setProperty("password", resolve(p, "password")));
        String url = resolve(spec.url(), "url");
        try {
            Connection connection = drivers.forUrl(url, spec.name()).connect(url, properties);
            if (connection == null) {
                throw failure("Cannot connect to '" + spec.name() + "': the driver does not accept its URL", null);
            }
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw failure("Cannot connect to '" + spec.name() + "' (" + spec.file() + ")", e);
        }
    }

    /**
     * A failure of the database, the driver's message redacted. The driver's exception is left out
     * as a cause: its message, printed with a stack trace under {@code --debug}, may quote a secret.
     */
    WeirException failure(String what, SQLException e) {
        String detail = e == null
                ? ""
                : ": " + redactor.redact(e.getMessage())
                        + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
        return new WeirException(
                ErrorCode.SOURCE_UNAVAILABLE,
                what + detail,
                null,
                "check " + spec.file() + " and that the database is reachable",
                null);
    }

    private String resolve(String value, String key) {
        return placeholders.resolve(value, spec.file() + " " + key);
    }
}
