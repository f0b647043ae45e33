package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Opens Iceberg's JDBC catalog in a database that other Weir components share (SQLite or
 * PostgreSQL, see {@link CatalogDatabase}).
 *
 * <p>On SQLite, Iceberg's own table initialisation leaves a metadata result set open, which pins
 * its pooled connection in a read transaction and makes concurrent writers fail with SQLITE_BUSY.
 * So the catalog tables are created once by a short-lived catalog, and long-lived catalogs never
 * run that initialisation; on PostgreSQL the same order keeps two processes from both creating them.
 */
final class JdbcCatalogs {
    static final String CATALOG_NAME = "weir";

    private JdbcCatalogs() {}

    /**
     * A catalog named {@code weir} whose tables live under {@code warehouse}.
     *
     * @throws WeirException {@code INTERNAL} when the database or the warehouse cannot be used
     */
    static JdbcCatalog open(Path warehouse, CatalogDatabase database) {
        Map<String, String> properties = properties(warehouse, database);
        try {
            Files.createDirectories(warehouse);
            if (!database.hasCatalogTables()) {
                createCatalogTables(database, properties);
            }
            return initialize(properties, false);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot open the table catalog " + database.url() + ": " + database.redact(e.getMessage()),
                    null,
                    database.accessHint(),
                    e);
        }
    }

    static int count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Map<String, String> properties(Path warehouse, CatalogDatabase database) {
        Map<String, String> properties = new HashMap<>(database.driverProperties());
        properties.put(CatalogProperties.URI, database.url());
        properties.put(
                CatalogProperties.WAREHOUSE_LOCATION, warehouse.toAbsolutePath().toString());
        properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
        return properties;
    }

    private static void createCatalogTables(CatalogDatabase database, Map<String, String> properties)
            throws IOException, SQLException {
        try {
            // closing at once releases the connection that the initialisation left in a read transaction
            initialize(properties, true).close();
        } catch (RuntimeException e) {
            // another process may have created the tables at the same moment
            if (!database.hasCatalogTables()) {
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
