package dev.weir.lakehouse;

import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spi.HealthFinding;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The database that holds Iceberg's JDBC catalog tables beside the metastore's, chosen by its URL:
 * a SQLite file or a PostgreSQL server. What differs between them is here: the connection
 * properties, how to tell the catalog tables exist, and what {@code weir doctor} checks.
 */
interface CatalogDatabase {
    static CatalogDatabase of(String jdbcUrl, Optional<DatabaseLogin> login) {
        if (jdbcUrl.startsWith(PostgresCatalogDatabase.URL_PREFIX)) {
            return new PostgresCatalogDatabase(jdbcUrl, login);
        }
        return new SqliteCatalogDatabase(jdbcUrl);
    }

    /** The URL, which never holds a password. */
    String url();

    /** The {@code jdbc.}-prefixed properties Iceberg's catalog passes to the driver. */
    Map<String, String> driverProperties();

    /** A new connection, for Weir's own reads and repairs of the catalog rows. */
    Connection connect() throws SQLException;

    /** Whether Iceberg's catalog tables exist, with the column that tells tables from views. */
    boolean hasCatalogTables() throws SQLException;

    /** The database's own health, as {@code weir doctor} prints it. */
    HealthFinding health();

    /** What to check when the catalog cannot be used. */
    String accessHint();

    /** {@code text} without the password, if it held it. */
    String redact(String text);
}
