package dev.weir.lakehouse;

import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spi.HealthFinding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The catalog in the team's PostgreSQL database, in the schema the login sees first (the one the
 * metastore's tables are in). PostgreSQL serialises the catalog's conditional updates itself, so
 * none of SQLite's busy handling applies.
 */
final class PostgresCatalogDatabase implements CatalogDatabase {
    static final String URL_PREFIX = "jdbc:postgresql:";
    private static final String TABLES_PRESENT = "SELECT count(*) FROM information_schema.tables"
            + " WHERE table_schema = current_schema() AND table_name IN ('iceberg_tables', 'iceberg_namespace_properties')";
    private static final String VIEW_COLUMN_PRESENT = "SELECT count(*) FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND table_name = 'iceberg_tables' AND column_name = 'iceberg_type'";

    private final String url;
    private final Optional<DatabaseLogin> login;

    PostgresCatalogDatabase(String url, Optional<DatabaseLogin> login) {
        this.url = url;
        this.login = login;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public Map<String, String> driverProperties() {
        Map<String, String> properties = new HashMap<>();
        login.ifPresent(l -> {
            properties.put(JdbcCatalog.PROPERTY_PREFIX + "user", l.user());
            properties.put(JdbcCatalog.PROPERTY_PREFIX + "password", l.password());
        });
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "ApplicationName", "weir");
        return properties;
    }

    @Override
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        login.ifPresent(l -> {
            properties.setProperty("user", l.user());
            properties.setProperty("password", l.password());
        });
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
        String subject = "database " + url + " (catalog and metastore)";
        try {
            if (!hasCatalogTables()) {
                return HealthFinding.problem(
                        subject,
                        "reachable, but the Iceberg catalog tables are missing",
                        Optional.of("run any weir command that opens the project (weir runs) to create them"));
            }
            return HealthFinding.healthy(subject, "reachable, catalog tables present");
        } catch (SQLException e) {
            return HealthFinding.problem(
                    subject,
                    "cannot be reached: " + redact(e.getMessage()),
                    Optional.of("check that the PostgreSQL server is running and the metastore login"));
        }
    }

    @Override
    public String accessHint() {
        return "check that the warehouse directory is writable and that the metastore login may create tables";
    }

    @Override
    public String redact(String text) {
        return login.map(l -> l.redact(text)).orElse(text);
    }
}
