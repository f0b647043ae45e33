package dev.weir.metastore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.DatabaseLogin;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A metastore on a PostgreSQL server, which every working directory of a team reaches. Connections
 * come from a small pool: a sign-in with a password (SCRAM) took 80 ms here, more than most of the
 * statements a run sends. Messages name the URL, which the loader keeps free of passwords, and pass
 * every driver message through {@link DatabaseLogin#redact}.
 */
final class PostgresDatabase implements MetastoreDatabase {
    static final String URL_PREFIX = "jdbc:postgresql:";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** The key of the advisory lock Weir holds while it migrates a metastore ("weir" in ASCII). */
    private static final long MIGRATION_LOCK = 0x77656972L;
    /** Enough for the scheduler's concurrent runs, each of which holds a connection only per statement. */
    private static final int MAX_CONNECTIONS = 8;

    private final String url;
    private final Optional<DatabaseLogin> login;
    private final HikariDataSource dataSource;

    private PostgresDatabase(String url, Optional<DatabaseLogin> login, HikariDataSource dataSource) {
        this.url = url;
        this.login = login;
        this.dataSource = dataSource;
    }

    /**
     * The database at {@code jdbcUrl}, signed in as {@code login} (else as the URL's {@code user=}
     * or the driver's default), checked to be reachable.
     *
     * @throws WeirException {@code USAGE} when the URL is malformed, {@code METASTORE_UNAVAILABLE}
     *     when the server cannot be reached or refuses the login
     */
    static PostgresDatabase at(String jdbcUrl, Optional<DatabaseLogin> login) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        Objects.requireNonNull(login, "login is null");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot open metastore " + jdbcUrl + ": not a PostgreSQL JDBC URL",
                    "write it like 'metastore: jdbc:postgresql://db.example.com:5432/weir'");
        }
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setApplicationName("weir");
        login.ifPresent(l -> {
            dataSource.setUser(l.user());
            dataSource.setPassword(l.password());
        });
        probe(jdbcUrl, login, dataSource);
        return new PostgresDatabase(jdbcUrl, login, pool(dataSource));
    }

    private static HikariDataSource pool(DataSource server) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(server);
        config.setPoolName("weir-metastore");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS).toMillis());
        // probe() has just signed in, and said in Weir's words what went wrong if it could not
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Signs in once without the pool, whose own failure would only say that it timed out. */
    private static void probe(String url, Optional<DatabaseLogin> login, DataSource server) {
        try (Connection connection = server.getConnection()) {
            connection.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            String reason = redact(login, e.getMessage());
            throw new WeirException(
                    ErrorCode.METASTORE_UNAVAILABLE,
                    "Cannot connect to metastore " + url
                            + login.map(l -> " as " + l.user()).orElse("") + ": " + firstLine(reason),
                    null,
                    connectHint(e.getSQLState()),
                    new SQLException(reason, e.getSQLState()));
        }
    }

    private static String connectHint(String sqlState) {
        String state = Objects.requireNonNullElse(sqlState, "");
        if (state.startsWith("28")) {
            return "check metastore_user and metastore_password in weir.yaml (and the variable the password is read from)";
        }
        if (state.equals("3D000")) {
            return "create the database first (createdb), or correct its name in the metastore URL";
        }
        return "check that the PostgreSQL server is running and that this machine reaches its host and port";
    }

    /**
     * Holds a session advisory lock: two processes baselining one new database would otherwise
     * both create Flyway's history table, and the second refuses it as existing but empty.
     */
    @Override
    public MigrationLock lockForMigration() throws SQLException {
        Connection connection = connect();
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return () -> {
            // a pooled connection outlives close(), and the lock with it, unless released
            try (connection;
                    Statement unlock = connection.createStatement()) {
                unlock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        };
    }

    /** Closes the pool's connections. */
    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public String accessHint() {
        return "check that the PostgreSQL server is up and that the metastore user may write the weir_ tables";
    }

    @Override
    public WeirException failure(String cannot, Throwable e, String hint) {
        return new WeirException(
                ErrorCode.INTERNAL, cannot + ": " + redact(login, firstLine(e.getMessage())), null, hint, e);
    }

    /** PostgreSQL waits for a lock rather than failing on it, and Flyway locks the schema itself. */
    @Override
    public boolean isLockConflict(Throwable failure) {
        return false;
    }

    private static String redact(Optional<DatabaseLogin> login, String text) {
        return login.map(l -> l.redact(text)).orElse(text);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
