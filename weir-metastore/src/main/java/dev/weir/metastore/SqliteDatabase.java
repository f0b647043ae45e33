package dev.weir.metastore;

import dev.weir.core.error.DiskFull;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * A SQLite database file opened so that several processes can share it: every connection waits
 * up to {@link #BUSY_TIMEOUT_MILLIS} for another writer instead of failing at once, uses WAL so
 * readers never block the writer, and begins its transactions IMMEDIATE so a transaction that
 * reads before it writes cannot be overtaken by another writer in between.
 */
final class SqliteDatabase implements MetastoreDatabase {
    private static final String URL_PREFIX = "jdbc:sqlite:";
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final String url;
    private final Path file;
    private final SQLiteDataSource dataSource;

    private SqliteDatabase(String url, Path file, SQLiteDataSource dataSource) {
        this.url = url;
        this.file = file;
        this.dataSource = dataSource;
    }

    /** Checks {@code jdbcUrl} names a database file and creates the file's directory if missing. */
    static SqliteDatabase at(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        Path file = databaseFile(jdbcUrl);
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot create the metastore directory " + directory + ": " + e.getMessage(),
                    null,
                    "check that the project directory is writable",
                    e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(jdbcUrl);
        return new SqliteDatabase(jdbcUrl, file.toAbsolutePath(), dataSource);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Takes nothing: Flyway's transaction begins IMMEDIATE, so a second migrating process waits
     * for the first, and {@link SchemaMigration} retries the one that still collides.
     */
    @Override
    public MigrationLock lockForMigration() {
        return () -> {};
    }

    /** Does nothing: every connection is closed after its call. */
    @Override
    public void close() {}

    @Override
    public String accessHint() {
        return "check that the metastore file is writable and that no other program holds it locked";
    }

    /**
     * {@inheritDoc} A full disk is said so, naming the metastore's directory and its free space;
     * anything else is internal.
     */
    @Override
    public WeirException failure(String cannot, Throwable e, String hint) {
        return DiskFull.of(cannot, e, List.of(file.getParent()))
                .orElseGet(() -> new WeirException(ErrorCode.INTERNAL, cannot + ": " + e.getMessage(), null, hint, e));
    }

    @Override
    public boolean isLockConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e) {
                String code = e.getResultCode().name();
                if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Path databaseFile(String jdbcUrl) {
        if (!jdbcUrl.startsWith(URL_PREFIX)) {
            throw invalidUrl(jdbcUrl, "only SQLite and PostgreSQL URLs are supported");
        }
        String rest = jdbcUrl.substring(URL_PREFIX.length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        // Each call opens its own connection, so an in-memory database would forget every write.
        if (path.isBlank() || path.contains(":memory:") || jdbcUrl.contains("mode=memory")) {
            throw invalidUrl(jdbcUrl, "the metastore must be a database file");
        }
        if (path.startsWith("file:")) {
            throw invalidUrl(jdbcUrl, "file: URIs are not supported");
        }
        return Path.of(path);
    }

    private static WeirException invalidUrl(String jdbcUrl, String reason) {
        return WeirException.withHint(
                ErrorCode.USAGE,
                "Cannot open metastore " + jdbcUrl + ": " + reason,
                "use jdbc:sqlite:<path to a file>, e.g. jdbc:sqlite:.weir/weir.db, or jdbc:postgresql://host:5432/database");
    }
}
