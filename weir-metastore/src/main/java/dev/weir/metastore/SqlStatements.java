package dev.weir.metastore;

import dev.weir.core.error.WeirException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the metastore's statements, each on a connection of its own, and turns a database failure
 * into a {@link WeirException} that names the action and the metastore.
 */
final class SqlStatements {
    private final MetastoreDatabase database;

    SqlStatements(MetastoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database is null");
    }

    /** Runs {@code sql} in auto-commit mode and returns how many rows it changed. */
    int update(String action, String sql, Parameters parameters) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /** Runs {@code sql} once for each of {@code items} in one transaction. */
    <T> void updateAll(String action, String sql, List<T> items, ItemParameters<T> parameters) {
        inTransaction(action, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (T item : items) {
                    parameters.bind(statement, item);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T inTransaction(String action, Work<T> work) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                // JDBC leaves to the driver what closing a connection does to an open transaction;
                // SQLite may have rolled it back itself (a full disk): that is no news to report instead
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    <T> List<T> query(String action, String sql, Parameters parameters, RowReader<T> reader) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            return read(statement, reader);
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    static <T> List<T> read(PreparedStatement statement, RowReader<T> reader) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(reader.read(rows));
            }
            return result;
        }
    }

    void close() {
        database.close();
    }

    SqlDialect dialect() {
        return database.dialect();
    }

    private WeirException failure(String action, SQLException e) {
        return database.failure("Cannot " + action + " in metastore " + database.url(), e, database.accessHint());
    }

    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface ItemParameters<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
