package dev.weir.connectors.jdbc;

import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceSection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A project's named database connection for the sources of other modules: the change data capture
 * source reads the same {@code connections:} as {@code source_system: jdbc}, with the same secret
 * placeholders, drivers, redaction of secrets in messages and column types.
 */
public final class ProjectDatabase implements AutoCloseable {
    private final ConnectionSpec spec;
    private final Redactor redactor = new Redactor();
    private final SecretPlaceholders placeholders;
    private final Drivers drivers;
    private final DatabaseConnection database;

    public ProjectDatabase(ConnectionSpec spec, SourceContext context) {
        this.spec = spec;
        this.placeholders = new SecretPlaceholders(context.projectRoot(), context.secrets(), redactor);
        this.drivers = new Drivers(context.projectRoot());
        this.database = new DatabaseConnection(spec, placeholders, redactor, drivers);
    }

    /** The connection {@code extract.connection} names, its problems reported at that key. */
    public static Optional<ConnectionSpec> read(SourceSection extract) {
        return JdbcSourceFactory.connection(extract);
    }

    /** A new JDBC connection, out of autocommit. */
    public Connection open() {
        return database.open();
    }

    /**
     * A new JDBC connection, out of autocommit, that gives up connecting and on each statement
     * after {@code timeout} (PostgreSQL's driver properties {@code connectTimeout}, {@code socketTimeout}).
     */
    public Connection open(java.time.Duration timeout) {
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        return database.open(
                java.util.Map.of("connectTimeout", seconds, "socketTimeout", seconds, "loginTimeout", seconds));
    }

    /** The JDBC URL, placeholders resolved. */
    public String url() {
        return placeholders.resolve(spec.url(), spec.file() + " url");
    }

    /** The user name, resolved; never printed by Weir. */
    public Optional<String> user() {
        return spec.user().map(u -> placeholders.resolve(u, spec.file() + " user"));
    }

    /** The password, resolved; never printed by Weir. */
    public Optional<String> password() {
        return spec.password().map(p -> placeholders.resolve(p, spec.file() + " password"));
    }

    /** {@code text} with every secret this connection resolved replaced by {@code ***}. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** A failure of the database, its message redacted and its cause left out (it may quote a secret). */
    public WeirException failure(String what, SQLException e) {
        return database.failure(what, e);
    }

    /**
     * The columns of {@code relation} (as SQL names it) with the Iceberg types a JDBC read of it
     * would give, from a query that returns no row.
     */
    public List<Column> columns(Connection connection, String relation) throws SQLException {
        TypeMapping mapping = new TypeMapping(false, typeName -> isEnum(connection, typeName));
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM " + relation + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(mapping.column(meta, i).toColumn());
            }
            return columns;
        }
    }

    private boolean isEnum(Connection connection, String typeName) {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_type WHERE typtype = 'e' AND typname = ?")) {
            statement.setString(1, typeName.replace("\"", ""));
            try (ResultSet found = statement.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw failure("Cannot read the type '" + typeName + "'", e);
        }
    }

    @Override
    public void close() {
        drivers.close();
    }
}
