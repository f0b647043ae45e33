package dev.weir.metastore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What differs between the metastore's databases: where their migrations are and how a transaction
 * that reads before it writes keeps another writer out. SQLite begins every transaction IMMEDIATE
 * (see {@link SqliteDatabase}), which already takes the one write lock, so it needs nothing more.
 * PostgreSQL runs transactions at READ COMMITTED, so a row read to decide on a write is locked with
 * it, and a decision on rows that may not exist yet holds an advisory lock on what it decides.
 */
enum SqlDialect {
    SQLITE("classpath:db/migration/sqlite", "") {
        @Override
        void lockKey(Connection connection, String key) {}
    },
    POSTGRES("classpath:db/migration/postgres", " FOR SHARE") {
        @Override
        void lockKey(Connection connection, String key) throws SQLException {
            // a transaction's advisory lock: released at commit or rollback, whatever happens to the process
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, key);
                lock.execute();
            }
        }
    };

    private final String migrations;
    private final String forShare;

    SqlDialect(String migrations, String forShare) {
        this.migrations = migrations;
        this.forShare = forShare;
    }

    /** The Flyway location of this database's migrations, V1 onwards, one folder per dialect. */
    String migrations() {
        return migrations;
    }

    /**
     * The clause that ends a SELECT whose rows a transaction's later writes depend on: they stay
     * as read until it ends, and a writer changing them meanwhile makes the SELECT wait and see its
     * change.
     */
    String forShare() {
        return forShare;
    }

    /**
     * Makes every other transaction that locks {@code key} wait until the transaction of
     * {@code connection} ends: for decisions on rows that may not exist yet, which no row lock covers.
     */
    abstract void lockKey(Connection connection, String key) throws SQLException;
}
