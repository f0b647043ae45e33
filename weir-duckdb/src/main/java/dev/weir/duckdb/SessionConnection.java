package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's DuckDB connection: runs generated SQL and describes relations, turning SQL errors
 * into {@link dev.weir.core.error.WeirException}s with DuckDB's message. Used by one thread.
 */
final class SessionConnection implements AutoCloseable {
    private final Connection connection;

    SessionConnection(Connection connection) {
        this.connection = connection;
    }

    /** The JDBC connection, for the parts that handle DuckDB's errors themselves. */
    Connection jdbc() {
        return connection;
    }

    /** Every row of {@code sql}, values as text; a failure is an internal error. */
    List<List<String>> select(String sql) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return ValueText.rows(rs);
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.INTERNAL, e);
        }
    }

    /** Runs {@code sql}; a failure is a {@code code} error. */
    void execute(String sql, ErrorCode code) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw DuckDbErrors.failure(code, e);
        }
    }

    /** The columns and row count of {@code relation}, a session relation or a Weir table. */
    RelationInfo describe(String relation) {
        long count = Long.parseLong(
                select("SELECT count(*) FROM " + Sql.relation(relation)).get(0).get(0));
        return new RelationInfo(relation, columnsOf(relation), count);
    }

    /** The relation's columns with their Iceberg types (ids 0: a table assigns them). */
    TableSchema columnsOf(String relation) {
        List<Column> columns = new ArrayList<>();
        for (List<String> row :
                select("SELECT column_name, column_type FROM (DESCRIBE " + Sql.relation(relation) + ")")) {
            columns.add(new Column(0, row.get(0), DuckDbTypes.toIceberg(row.get(1)), false));
        }
        return new TableSchema(columns);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.INTERNAL, e);
        }
    }
}
