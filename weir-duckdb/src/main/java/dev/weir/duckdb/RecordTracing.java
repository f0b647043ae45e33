package dev.weir.duckdb;

import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RejectedRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Traces rejected rows back to the staged records they came from ({@link RejectedRows.BatchRecord}):
 * each traced relation gains column {@link #TRACED}, the {@link StagedRecords#ROW} of its record
 * (NULL when none), and {@link #TEXTS} holds the origin and original text of every traced record,
 * read again from the source for those records only.
 */
final class RecordTracing {
    static final String TEXTS = "__weir_record_texts";
    static final String TRACED = "__weir_traced";
    static final String PREFIX = "__weir_traced_";
    private static final String PAIR = "__weir_n";

    private final Connection connection;
    private final StagedRecords origins;

    RecordTracing(Connection connection, StagedRecords origins) {
        this.connection = connection;
        this.origins = origins;
    }

    /**
     * For each of {@code rejects}, in order: the relation its quarantine rows are read from, a new
     * table {@code __weir_traced_<i>} when its rows could be traced, else its own relation.
     */
    List<String> trace(List<RejectedRows.Rejects> rejects) throws SQLException {
        List<String> relations = new ArrayList<>();
        if (origins.batch().isEmpty()) {
            rejects.forEach(r -> relations.add(r.relation()));
            return relations;
        }
        Map<String, Col> staged = columns(StagedRecords.TABLE);
        staged.remove(StagedRecords.ROW.toLowerCase(Locale.ROOT));
        boolean traced = false;
        for (int i = 0; i < rejects.size(); i++) {
            RejectedRows.Rejects r = rejects.get(i);
            Optional<String> query = r.origin() instanceof RejectedRows.BatchRecord record
                    ? query(r.relation(), record, staged)
                    : Optional.empty();
            if (query.isPresent()) {
                execute("CREATE OR REPLACE TEMP TABLE " + PREFIX + i + " AS " + query.get());
                relations.add(PREFIX + i);
                traced = true;
            } else {
                relations.add(r.relation());
            }
        }
        if (traced) {
            writeTexts("SELECT DISTINCT " + TRACED + " FROM ("
                    + relations.stream()
                            .filter(n -> n.startsWith(PREFIX))
                            .map(t -> "SELECT " + TRACED + " FROM " + t + " WHERE " + TRACED + " IS NOT NULL")
                            .collect(Collectors.joining(" UNION ALL "))
                    + ")");
        }
        return relations;
    }

    /** The query adding {@link #TRACED} to {@code relation}; empty when its rows cannot be traced. */
    private Optional<String> query(String relation, RejectedRows.BatchRecord record, Map<String, Col> staged)
            throws SQLException {
        Map<String, Col> rejected = columns(relation);
        if (record.untransformed() && rejected.keySet().containsAll(staged.keySet())) {
            return Optional.of(sameValues(
                    relation, staged.keySet().stream().map(rejected::get).toList(), staged));
        }
        List<String> keys = record.otherwise().keys().stream()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .toList();
        if (keys.isEmpty()
                || !staged.keySet().containsAll(keys)
                || !rejected.keySet().containsAll(keys)) {
            return Optional.empty();
        }
        Optional<Col> sequence = record.sequence().map(q -> staged.get(q.toLowerCase(Locale.ROOT)));
        return Optional.of(sameKeys(relation, keys.stream().map(rejected::get).toList(), sequence, staged));
    }

    /**
     * Pairs each rejected row with a staged record holding the same values, cast as the row's
     * columns are: of identical rows, the n-th rejected one with the n-th record, in batch order.
     */
    private static String sameValues(String relation, List<Col> columns, Map<String, Col> staged) {
        String casts = columns.stream()
                .map(c -> castFromStaged(c, staged) + " AS " + Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
        String partition = columns.stream().map(c -> castFromStaged(c, staged)).collect(Collectors.joining(", "));
        String rejectedPartition =
                columns.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "));
        String on = columns.stream()
                .map(c -> "r." + Sql.ident(c.name()) + " IS NOT DISTINCT FROM s." + Sql.ident(c.name()))
                .collect(Collectors.joining(" AND "));
        return "SELECT r.*, s." + Sql.ident(StagedRecords.ROW) + " AS " + TRACED + " FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY " + rejectedPartition + ") AS " + PAIR + " FROM " + Sql.relation(relation) + ") r"
                + " LEFT JOIN (SELECT " + casts + ", " + Sql.ident(StagedRecords.ROW)
                + ", row_number() OVER (PARTITION BY "
                + partition + " ORDER BY " + Sql.ident(StagedRecords.ROW) + ") AS " + PAIR + " FROM "
                + StagedRecords.TABLE
                + ") s ON " + on + " AND r." + PAIR + " = s." + PAIR;
    }

    /**
     * Joins each rejected row to the staged record with the same keys: of several, the one with the
     * greatest sequence value, then the last in batch order.
     */
    private static String sameKeys(String relation, List<Col> keys, Optional<Col> sequence, Map<String, Col> staged) {
        String casts = keys.stream()
                .map(c -> castFromStaged(c, staged) + " AS " + Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
        String partition = keys.stream().map(c -> castFromStaged(c, staged)).collect(Collectors.joining(", "));
        String order = sequence.map(q -> Sql.ident(q.name()) + " DESC NULLS LAST, ")
                        .orElse("") + Sql.ident(StagedRecords.ROW) + " DESC";
        String on = keys.stream()
                .map(c -> "r." + Sql.ident(c.name()) + " = s." + Sql.ident(c.name()))
                .collect(Collectors.joining(" AND "));
        return "SELECT r.*, s." + Sql.ident(StagedRecords.ROW) + " AS " + TRACED + " FROM " + Sql.relation(relation)
                + " r LEFT JOIN (SELECT " + casts + ", " + Sql.ident(StagedRecords.ROW) + " FROM " + StagedRecords.TABLE
                + " QUALIFY row_number() OVER (PARTITION BY " + partition + " ORDER BY " + order + ") = 1) s ON " + on;
    }

    /** The staged column of {@code column}'s name, as the rejected rows' type. */
    private static String castFromStaged(Col column, Map<String, Col> staged) {
        Col source = staged.get(column.name().toLowerCase(Locale.ROOT));
        String name = Sql.ident(source.name());
        return source.type().equals(column.type()) ? name : "TRY_CAST(" + name + " AS " + column.type() + ")";
    }

    /**
     * Makes table {@link #TEXTS}: for each distinct {@link StagedRecords#ROW} that {@code rows}
     * returns, its record's origin {@code file:line} and original text (NULL when the source no
     * longer gives it).
     */
    void writeTexts(String rows) throws SQLException {
        Map<String, SortedSet<Long>> byFile = new LinkedHashMap<>();
        Map<String, List<Long>> rowsByFile = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(rows)) {
            while (rs.next()) {
                long row = rs.getLong(1);
                String file = origins.file(row);
                byFile.computeIfAbsent(file, f -> new TreeSet<>()).add(StagedRecords.line(row));
                rowsByFile.computeIfAbsent(file, f -> new ArrayList<>()).add(row);
            }
        }
        execute("CREATE OR REPLACE TEMP TABLE " + TEXTS + " (" + Sql.ident(StagedRecords.ROW)
                + " BIGINT, origin VARCHAR, raw VARCHAR)");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TEXTS + " VALUES (?, ?, ?)")) {
            for (Map.Entry<String, List<Long>> file : rowsByFile.entrySet()) {
                Map<Long, String> texts =
                        origins.batch().get().reader().texts(file.getKey(), byFile.get(file.getKey()));
                for (long row : file.getValue()) {
                    long line = StagedRecords.line(row);
                    insert.setLong(1, row);
                    insert.setString(2, file.getKey() + ":" + line);
                    insert.setString(3, texts.get(line));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private Map<String, Col> columns(String relation) throws SQLException {
        Map<String, Col> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT column_name, column_type FROM (DESCRIBE " + Sql.relation(relation) + ")")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!name.equals(EngineSession.REJECTED_CHECK)
                        && !name.equals(EngineSession.REJECTED_REASON)
                        && !name.equals(EngineSession.REJECTED_RECORD)) {
                    columns.put(name.toLowerCase(Locale.ROOT), new Col(name, rs.getString(2)));
                }
            }
        }
        return columns;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A column's name and DuckDB type. */
    private record Col(String name, String type) {}
}
