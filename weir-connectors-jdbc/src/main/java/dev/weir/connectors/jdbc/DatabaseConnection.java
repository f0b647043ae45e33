package dev.weir.connectors.jdbc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Opens a connection as its spec says, its placeholders resolved now, and turns the driver's
 * errors into messages that name the connection and its file, with every secret hidden.
 */
final class DatabaseConnection {
    /**
     * What the PostgreSQL driver is given unless the connection's {@code properties} say otherwise:
     * results in the binary format for integers, decimals, dates, timestamps and UUIDs, which the
     * server writes and the driver reads at a fraction of the cost of their text (measured: the
     * server's CPU time for 10M rows 10.6 s -> 6.4 s, and timestamps no longer parsed from text).
     * The driver reads the binary format only for a statement prepared on the server, which it
     * otherwise does from a statement's fifth use on: {@code prepareThreshold=-1} does it from the
     * first. The other types stay text, as their {@code getString} (a reject's record text) would
     * print differently in binary ({@code true} for {@code t}, {@code 1.0E10} for
     * {@code 10000000000}); the values these types are read as are the same in both formats.
     */
    private static final Map<String, String> POSTGRES_DEFAULTS = Map.of(
            "prepareThreshold", "-1",
            "binaryTransfer", "false",
            "binaryTransferEnable", "INT2,INT4,INT8,NUMERIC,DATE,TIMESTAMP,TIMESTAMPTZ,UUID");

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
        return open(Map.of());
    }

    /** Like {@link #open()}, with {@code overrides} set over the connection's own driver properties. */
    Connection open(Map<String, String> overrides) {
        Properties properties = new Properties();
        String url = resolve(spec.url(), "url");
        if (url.startsWith("jdbc:postgresql:")) {
            POSTGRES_DEFAULTS.forEach(properties::setProperty);
        }
        spec.properties().forEach((k, v) -> properties.setProperty(k, resolve(v, "properties." + k)));
        spec.user().ifPresent(u -> properties.setProperty("user", resolve(u, "user")));
        spec.password().ifPresent(p -> properties.setProperty("password", resolve(p, "password")));
        overrides.forEach(properties::setProperty);
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
