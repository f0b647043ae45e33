package dev.weir.metastore;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a metastore to the latest schema with Flyway, from its dialect's folder of migrations.
 * On PostgreSQL, Flyway locks the schema while it migrates. Flyway cannot lock a SQLite schema,
 * so two processes starting on a new file may both try to migrate it. Flyway reads the schema
 * history and applies what is pending in one transaction, which {@link SqliteDatabase} begins
 * IMMEDIATE: the second process waits for the first to commit and then finds nothing to do.
 * Where the two still collide on the lock, the loser's transaction rolls back and it tries again.
 */
final class SchemaMigration {
    private static final String HISTORY_TABLE = "weir_schema_history";
    /** The newest migration of every dialect; a test keeps it and each folder in step. */
    static final int LATEST_VERSION = 6;

    private static final String APPLIED_VERSION =
            "SELECT max(CAST(version AS INTEGER)) FROM " + HISTORY_TABLE + " WHERE success = TRUE";
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration BASE_BACKOFF = Duration.ofMillis(50);
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {}

    static void apply(MetastoreDatabase database) {
        if (isCurrent(database)) {
            return;
        }
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(database.dialect().migrations())
                .failOnMissingLocations(true)
                .table(HISTORY_TABLE)
                .loggers("slf4j")
                // The file may already hold Iceberg's catalog tables: that is no reason to refuse
                // it, and version 0 keeps every Weir migration pending.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        for (int attempt = 1; ; attempt++) {
            try (MetastoreDatabase.MigrationLock lock = database.lockForMigration()) {
                flyway.migrate();
                return;
            } catch (SQLException e) {
                throw database.failure("Cannot migrate metastore " + database.url(), e, database.accessHint());
            } catch (FlywayException e) {
                if (attempt == MAX_ATTEMPTS || !database.isLockConflict(e)) {
                    throw database.failure(
                            "Cannot migrate metastore " + database.url(),
                            e,
                            "check that the database is a Weir metastore and writable; if several Weir commands"
                                    + " started at once, run this one again");
                }
                LOG.debug(
                        "Metastore {} is being migrated by another process; attempt {} of {}",
                        database.url(),
                        attempt,
                        MAX_ATTEMPTS,
                        e);
                pause(database, attempt);
            }
        }
    }

    /**
     * True when the schema history already records the newest migration. Starting Flyway costs
     * most of a second (it scans the classpath), and every command opens the metastore, so the
     * common case of an up-to-date file is answered with one query.
     */
    private static boolean isCurrent(MetastoreDatabase database) {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet applied = statement.executeQuery(APPLIED_VERSION)) {
            return applied.next() && applied.getInt(1) >= LATEST_VERSION;
        } catch (SQLException e) {
            // No history table yet (a new file): Flyway creates it.
            return false;
        }
    }

    /** Waits a growing, jittered time so that racing processes do not collide again in step. */
    private static void pause(MetastoreDatabase database, int attempt) {
        long millis =
                BASE_BACKOFF.toMillis() * attempt + ThreadLocalRandom.current().nextLong(BASE_BACKOFF.toMillis());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(
                    ErrorCode.INTERNAL, "Cannot migrate metastore " + database.url() + ": interrupted", null, null, e);
        }
    }
}
