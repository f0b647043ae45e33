package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts rows of a session's relations for the runner ({@link dev.weir.core.spi.RelationCounts}). */
final class RelationCounter {
    private final Connection connection;

    RelationCounter(Connection connection) {
        this.connection = connection;
    }

    long count(String relation) {
        return Long.parseLong(
                rows("SELECT count(*) FROM " + Sql.relation(relation)).get(0).get(0));
    }

    Map<String, Long> countBy(String relation, String column) {
        String c = Sql.ident(column);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<String> row : rows("SELECT " + c + ", count(*) FROM " + Sql.relation(relation) + " WHERE " + c
                + " IS NOT NULL GROUP BY " + c + " ORDER BY " + c)) {
            counts.put(row.get(0), Long.parseLong(row.get(1)));
        }
        return counts;
    }

    long countAnyNull(String relation, List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("countAnyNull needs at least one column");
        }
        String anyNull = columns.stream().map(c -> Sql.ident(c) + " IS NULL").collect(Collectors.joining(" OR "));
        return Long.parseLong(rows("SELECT count(*) FROM " + Sql.relation(relation) + " WHERE " + anyNull)
                .get(0)
                .get(0));
    }

    private List<List<String>> rows(String sql) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return ValueText.rows(rs);
        } catch (SQLException e) {
            throw new WeirException(ErrorCode.INTERNAL, DuckDbErrors.firstLine(e), null, null, e);
        }
    }
}
