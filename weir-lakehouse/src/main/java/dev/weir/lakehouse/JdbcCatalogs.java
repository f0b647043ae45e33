package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Opens Iceberg's JDBC catalog over a SQLite file that other Weir components share.
 *
 * <p>Iceberg's own table initialisation leaves a metadata result set open, which pins its pooled
 * connection in a read transaction and makes concurrent writers fail with SQLITE_BUSY. So the
 * catalog tables are created once by a short-lived catalog, and long-lived catalogs never run
 * that initialisation.
 */
final class SqliteCatalogs {
    static final String CATALOG_NAME = "weir";
    static final String BUSY_TIMEOUT_MILLIS = "30000";
    private static final String TABLES_PRESENT = "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
            + "AND name IN ('iceberg_tables', 'iceberg_namespace_properties')";
    private static final String VIEW_COLUMN_PRESENT =
            "SELECT count(*) FROM pragma_table_info('iceberg_tables') " + "WHERE name = 'iceberg_type'";

    private SqliteCatalogs() {}

    /**
     * A catalog named {@code weir} whose tables live under {@code warehouse}.
     *
     * @throws WeirException {@code INTERNAL} when the SQLite file or the warehouse cannot be used
     */
    static JdbcCatalog open(Path warehouse, String jdbcUrl) {
        Map<String, String> properties = properties(warehouse, jdbcUrl);
        try {
            Files.createDirectories(warehouse);
            if (!hasCatalogTables(jdbcUrl)) {
                createCatalogTables(jdbcUrl, properties);
            }
            return initialize(properties, false);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot open the table catalog " + jdbcUrl + ": " + e.getMessage(),
                    null,
                    "check that the warehouse directory and the SQLite file are writable",
                    e);
        }
    }

    private static Map<String, String> properties(Path warehouse, String jdbcUrl) {
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.URI, jdbcUrl);
        properties.put(
                CatalogProperties.WAREHOUSE_LOCATION, warehouse.toAbsolutePath().toString());
        properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "busy_timeout", BUSY_TIMEOUT_MILLIS);
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "journal_mode", "WAL");
        return properties;
    }

    private static boolean hasCatalogTables(String jdbcUrl) throws SQLException {
        Properties connection = new Properties();
        connection.setProperty("busy_timeout", BUSY_TIMEOUT_MILLIS);
        try (Connection conn = DriverManager.getConnection(jdbcUrl, connection);
                Statement statement = conn.createStatement()) {
            return count(statement, TABLES_PRESENT) == 2 && count(statement, VIEW_COLUMN_PRESENT) == 1;
        }
    }

    private static int count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void createCatalogTables(String jdbcUrl, Map<String, String> properties)
            throws IOException, SQLException {
        try {
            // closing at once releases the connection that the initialisation left in a read transaction
            initialize(properties, true).close();
        } catch (RuntimeException e) {
            // another process may have created the tables at the same moment
            if (!hasCatalogTables(jdbcUrl)) {
                throw e;
            }
        }
    }

    private static JdbcCatalog initialize(Map<String, String> properties, boolean createTables) {
        Map<String, String> withInit = new HashMap<>(properties);
        withInit.put(JdbcCatalog.PROPERTY_PREFIX + "init-catalog-tables", Boolean.toString(createTables));
        JdbcCatalog catalog = new JdbcCatalog();
        catalog.initialize(CATALOG_NAME, withInit);
        return catalog;
    }
}
