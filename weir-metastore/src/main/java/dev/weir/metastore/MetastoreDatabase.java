package dev.weir.metastore;

import dev.weir.core.error.WeirException;
import dev.weir.core.spec.DatabaseLogin;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database a metastore lives in, chosen by its URL: a SQLite file or a PostgreSQL server. It
 * hands out a connection per call and knows its {@link SqlDialect} and how to describe its
 * failures without revealing a password.
 */
interface MetastoreDatabase extends AutoCloseable {
    /**
     * The database at {@code jdbcUrl}: {@code jdbc:postgresql:...} signs in with {@code login},
     * anything else must name a SQLite file.
     *
     * @throws WeirException {@code USAGE} when the URL names no database Weir can use
     */
    static MetastoreDatabase at(String jdbcUrl, Optional<DatabaseLogin> login) {
        if (jdbcUrl.startsWith(PostgresDatabase.URL_PREFIX)) {
            return PostgresDatabase.at(jdbcUrl, login);
        }
        return SqliteDatabase.at(jdbcUrl);
    }

    /** The URL, which never holds a password. */
    String url();

    SqlDialect dialect();

    DataSource dataSource();

    Connection connect() throws SQLException;

    /** What to check when a statement fails. */
    String accessHint();

    /** The failure of {@code cannot} (such as {@code Cannot save run R in metastore M}) for a person. */
    WeirException failure(String cannot, Throwable e, String hint);

    /** Whether {@code failure} is, or was caused by, another connection holding a lock worth waiting out. */
    boolean isLockConflict(Throwable failure);

    /**
     * Keeps other processes from migrating this database until the returned lock is closed, where
     * the database has no lock Flyway takes before it creates its history table.
     */
    MigrationLock lockForMigration() throws SQLException;

    /** Releases any connection kept between calls. */
    @Override
    void close();

    /** A held migration lock. */
    @FunctionalInterface
    interface MigrationLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
