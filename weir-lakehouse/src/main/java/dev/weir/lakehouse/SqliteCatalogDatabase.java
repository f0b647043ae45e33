package dev.weir.lakehouse;

import dev.weir.core.spi.HealthFinding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** The catalog in the project's SQLite file, which every connection waits on rather than failing busy. */
final class SqliteCatalogDatabase implements CatalogDatabase {
    static final String BUSY_TIMEOUT_MILLIS = "30000";
    private static final String TABLES_PRESENT = "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
            + "AND name IN ('iceberg_tables', 'iceberg_namespace_properties')";
    private static final String VIEW_COLUMN_PRESENT =
            "SELECT count(*) FROM pragma_table_info('iceberg_tables') " + "WHERE name = 'iceberg_type'";

    private final String url;

    SqliteCatalogDatabase(String url) {
        this.url = url;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public Map<String, String> driverProperties() {
        return Map.of(
                JdbcCatalog.PROPERTY_PREFIX + "busy_timeout",
                BUSY_TIMEOUT_MILLIS,
                JdbcCatalog.PROPERTY_PREFIX + "journal_mode",
                "WAL");
    }

    @Override
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("busy_timeout", BUSY_TIMEOUT_MILLIS);
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public boolean hasCatalogTables() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            return JdbcCatalogs.count(statement, TABLES_PRESENT) == 2
                    && JdbcCatalogs.count(statement, VIEW_COLUMN_PRESENT) == 1;
        }
    }

    @Override
    public HealthFinding health() {
        String subject = "database " + url.replaceFirst("^jdbc:sqlite:", "");
        List<String> errors = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                errors.add(rows.getString(1));
            }
        } catch (SQLException e) {
            return HealthFinding.problem(
                    subject, "cannot be opened: " + e.getMessage(), Optional.of("restore it from a backup"));
        }
        if (errors.equals(List.of("ok"))) {
            return HealthFinding.healthy(subject + " (catalog and metastore)", "integrity check passed");
        }
        return HealthFinding.problem(
                subject + " (catalog and metastore)",
                "integrity check failed: " + String.join("; ", errors.subList(0, Math.min(3, errors.size()))),
                Optional.of("stop every weir process, then restore the file from a backup"
                        + " or rebuild it with `sqlite3 FILE .recover`"));
    }

    @Override
    public String accessHint() {
        return "check that the warehouse directory and the SQLite file are writable";
    }

    @Override
    public String redact(String text) {
        return text;
    }
}
