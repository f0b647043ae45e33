package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckMeasurement;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.QueryResult;
import dev.weir.core.spi.RejectedRows;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A DuckDB session: relations are temporary tables; Weir tables are views over their data files. */
final class DuckDbSession implements EngineSession {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuckDbSession.class);

    /** A type name as a contract writes it: {@code BIGINT}, {@code DOUBLE PRECISION}, {@code DECIMAL(10, 2)}. */
    private static final Pattern SQL_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?");

    /** The check name of records that could not be parsed. */
    private static final String MALFORMED_CHECK = "parse";

    /** Scratch relation of the positions an upsert deletes: (idx of the file in the candidates, pos, new). */
    private static final String POSITIONS = "__weir_positions";

    private final Connection connection;
    private final TableFileWriter writer;
    private final CheckEvaluator checks;
    private final RelationCounter counter;
    private final QuarantineRelation quarantine;
    private Map<String, String> inputNames = Map.of();

    DuckDbSession(Connection connection, Path scratchDir) {
        this.connection = connection;
        this.writer = new TableFileWriter(connection, scratchDir);
        this.checks = new CheckEvaluator(connection);
        this.counter = new RelationCounter(connection);
        this.quarantine = new QuarantineRelation(connection);
    }

    @Override
    public void attachTable(TableId table, TableSchema schema, List<DataFileRef> files) {
        String body;
        if (files.isEmpty()) {
            body = "SELECT " + schema.columns().stream()
                    .map(c -> "CAST(NULL AS " + DuckDbTypes.toDuckDb(c.type()) + ") AS " + Sql.ident(c.name()))
                    .collect(Collectors.joining(", ")) + " LIMIT 0";
        } else {
            body = "SELECT " + Sql.identList(schema.names()) + " FROM " + LiveRows.of(files, schema, "t", false);
        }
        execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(table.namespace()), ErrorCode.INTERNAL);
        execute("CREATE OR REPLACE VIEW " + Sql.table(table) + " AS " + body, ErrorCode.INTERNAL);
    }

    @Override
    public TableSchema stageLazily(Batch batch) {
        String from = readExpression(batch);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP VIEW " + SOURCE + " AS SELECT * FROM " + from);
        } catch (SQLException e) {
            throw batch instanceof Batch.Files ? InputErrors.translate(e, inputNames) : failure(ErrorCode.SOURCE_FAILED, e);
        }
        return columnsOf(SOURCE);
    }

    /** The table function reading {@code batch}; remembers the input files' names for error messages. */
    private String readExpression(Batch batch) {
        return readExpression(batch, false);
    }

    private String readExpression(Batch batch, boolean storeRejects) {
        if (batch instanceof Batch.Files files) {
            inputNames = BatchReaders.relativeNames(files);
            return BatchReaders.readExpression(files, storeRejects);
        }
        if (batch instanceof Batch.Table table) {
            inputNames = Map.of();
            return Sql.table(table.table());
        }
        throw new IllegalArgumentException("unknown batch " + batch);
    }

    @Override
    public RelationInfo stage(Batch batch, Optional<Batch.KeyFilter> filter) {
        return stage(batch, filter, false);
    }

    @Override
    public RelationInfo stageKeepingMalformed(Batch batch, Optional<Batch.KeyFilter> filter, String malformed) {
        if (batch instanceof Batch.Files files && files.format() == FileFormat.JSONL && !files.columns().isEmpty()) {
            return stageJsonLines(files, filter, malformed);
        }
        boolean csv = batch instanceof Batch.Files files && files.format() == FileFormat.CSV;
        RelationInfo staged = stage(batch, filter, csv);
        String columns = "CAST('" + MALFORMED_CHECK + "' AS VARCHAR) AS " + Sql.ident(REJECTED_CHECK) + ", CAST(%s AS VARCHAR) AS "
                + Sql.ident(REJECTED_REASON) + ", CAST(%s AS VARCHAR) AS " + Sql.ident(REJECTED_RECORD) + ", CAST(%s AS VARCHAR) AS "
                + Sql.ident(REJECTED_ORIGIN);
        if (!csv) {
            execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(malformed) + " AS SELECT " + String.format(columns, "NULL", "NULL", "NULL")
                    + " WHERE false", ErrorCode.INTERNAL);
            return staged;
        }
        String names = inputNames.entrySet().stream().map(e -> "(" + Sql.literal(e.getKey()) + ", " + Sql.literal(e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        // one rejected row per bad record: DuckDB reports each bad column of a record separately
        String reason = "string_agg(e.error_type || coalesce(' in column ' || e.column_name, '') || ': ' || e.error_message, '; '"
                + " ORDER BY e.column_idx)";
        String origin = "coalesce(n.name, s.file_path) || ':' || e.line";
        execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(malformed) + " AS SELECT " + String.format(columns, reason,
                "rtrim(first(e.csv_line), chr(13) || chr(10))", origin) + " FROM " + BatchReaders.REJECTS_TABLE + " e JOIN "
                + BatchReaders.REJECTS_SCAN + " s USING (scan_id, file_id) LEFT JOIN (VALUES " + names + ") n(path, name) ON n.path = s.file_path"
                + " GROUP BY s.file_path, n.name, e.line ORDER BY s.file_path, e.line", ErrorCode.INTERNAL);
        return staged;
    }

    private RelationInfo stageJsonLines(Batch.Files batch, Optional<Batch.KeyFilter> filter, String malformed) {
        String rows = "__weir_json_rows";
        try (Statement statement = connection.createStatement()) {
            for (String sql : JsonLines.statements(batch, rows, malformed)) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw InputErrors.isInputError(e) ? InputErrors.translate(e, BatchReaders.relativeNames(batch)) : failure(ErrorCode.SOURCE_FAILED, e);
        }
        RelationInfo staged = stageFrom(List.of(rows), filter, batch);
        execute("DROP TABLE " + rows, ErrorCode.INTERNAL);
        return staged;
    }

    private RelationInfo stage(Batch batch, Optional<Batch.KeyFilter> filter, boolean storeRejects) {
        List<Batch> scans = storeRejects ? oneScanPerFile((Batch.Files) batch) : List.of(batch);
        return stageFrom(scans.stream().map(scan -> readExpression(scan, storeRejects)).toList(), filter, batch);
    }

    /** Stages the rows of every one of {@code fromItems} as relation {@code source}, keeping rows past {@code filter}. */
    private RelationInfo stageFrom(List<String> fromItems, Optional<Batch.KeyFilter> filter, Batch batch) {
        Map<String, String> names = batch instanceof Batch.Files files ? BatchReaders.relativeNames(files) : Map.of();
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < fromItems.size(); i++) {
                String select = "SELECT * FROM " + fromItems.get(i);
                if (filter.isPresent()) {
                    select += keyCondition(statement, select, filter.get());
                }
                statement.execute(i == 0 ? "CREATE OR REPLACE TEMP TABLE " + SOURCE + " AS " + select : "INSERT INTO " + SOURCE + " " + select);
            }
        } catch (SQLException e) {
            throw batch instanceof Batch.Files ? InputErrors.translate(e, names) : failure(ErrorCode.SOURCE_FAILED, e);
        }
        inputNames = names;
        filter.ifPresent(this::dropRowsWithoutKey);
        return describe(SOURCE);
    }

    /**
     * Measured with DuckDB 1.5.0: when one scan reads five or more CSV files with
     * {@code store_rejects}, a last record with an unterminated quote is neither returned nor
     * stored as rejected; read one file at a time, it is stored. A record must never vanish, so
     * malformed-tolerant reads go file by file.
     */
    private static List<Batch> oneScanPerFile(Batch.Files batch) {
        return batch.files().stream()
                .<Batch>map(f -> new Batch.Files(List.of(f), batch.format(), batch.csv(), batch.columns()))
                .toList();
    }

    /**
     * The {@code WHERE} clause keeping rows past the watermark, pushed into the scan so that
     * only new rows are staged (and Parquet row groups below it are skipped).
     */
    private static String keyCondition(Statement statement, String select, Batch.KeyFilter filter) throws SQLException {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT column_name, column_type FROM (DESCRIBE " + select + ")")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        String type = types.get(filter.column());
        if (type == null) {
            throw WeirException.withHint(ErrorCode.SOURCE_FAILED,
                    "Cannot extract incrementally on '" + filter.column() + "': the source has no such column",
                    "set extract.incremental_key to one of " + types.keySet());
        }
        if (filter.after().isEmpty()) {
            return "";
        }
        String key = Sql.ident(filter.column());
        return " WHERE " + key + " > CAST(" + Sql.literal(filter.after().get()) + " AS " + type + ") OR " + key + " IS NULL";
    }

    /**
     * A row without an incremental key cannot be placed before or after the watermark, so it is
     * never extracted, on the first run as on later ones; the count is logged so it is not lost silently.
     */
    private void dropRowsWithoutKey(Batch.KeyFilter filter) {
        String condition = Sql.ident(filter.column()) + " IS NULL";
        long missing = Long.parseLong(select("SELECT count(*) FROM " + SOURCE + " WHERE " + condition).get(0).get(0));
        if (missing > 0) {
            execute("DELETE FROM " + SOURCE + " WHERE " + condition, ErrorCode.SOURCE_FAILED);
            LOG.warn("{} source rows have no {} (the incremental key) and were not extracted", missing, filter.column());
        }
    }

    @Override
    public RelationInfo runStage(String name, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + sql);
        } catch (SQLException e) {
            throw WeirException.withHint(ErrorCode.TRANSFORM_FAILED,
                    "Cannot run transform stage '" + name + "': " + String.join(" ", DuckDbErrors.message(e).lines().map(String::trim).toList()),
                    "fix the stage's SQL; it reads `source`, earlier stages by name and Weir tables as namespace.table");
        }
        return describe(name);
    }

    @Override
    public RelationInfo filter(String name, String relation, String predicate, boolean keepMatching) {
        String condition = keepMatching ? "(" + predicate + ") IS TRUE" : "(" + predicate + ") IS NOT TRUE";
        execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT * FROM " + Sql.ident(relation)
                + " WHERE " + condition, ErrorCode.TRANSFORM_FAILED);
        return describe(name);
    }

    @Override
    public Optional<String> maxValue(String relation, String column) {
        List<List<String>> rows = select("SELECT CAST(max(" + Sql.ident(column) + ") AS VARCHAR) FROM " + Sql.ident(relation));
        return Optional.ofNullable(rows.get(0).get(0));
    }

    @Override
    public Optional<KeyRange> range(String relation, String column) {
        List<List<String>> rows = select("SELECT CAST(min(" + Sql.ident(column) + ") AS VARCHAR), CAST(max("
                + Sql.ident(column) + ") AS VARCHAR) FROM " + Sql.ident(relation));
        List<String> row = rows.get(0);
        return row.get(0) == null ? Optional.empty() : Optional.of(new KeyRange(column, row.get(0), row.get(1)));
    }

    @Override
    public long duplicateKeyRows(String relation, List<String> keys) {
        String k = Sql.identList(keys);
        return Long.parseLong(select("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM " + Sql.ident(relation)
                + " GROUP BY " + k + " HAVING count(*) > 1)").get(0).get(0));
    }

    @Override
    public Set<String> filesMatchingKeys(List<DataFileRef> files, TableSchema schema, String keysRelation, List<String> keys) {
        if (files.isEmpty()) {
            return Set.of();
        }
        String sql = "SELECT DISTINCT t." + LiveRows.FILE + " FROM " + LiveRows.of(files, schema, "t", true)
                + " SEMI JOIN " + Sql.ident(keysRelation) + " k ON " + Sql.keyJoin("t", "k", keys);
        return select(sql).stream().map(r -> files.get(Integer.parseInt(r.get(0))).path()).collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public List<WrittenFile> write(String relation, TableState target, String filePrefix) {
        try {
            return writer.write(Sql.ident(relation), target, filePrefix);
        } catch (SQLException e) {
            // A lazily staged source is read for the first time here: its bad records show up now.
            throw InputErrors.isInputError(e) ? InputErrors.translate(e, inputNames) : failure(ErrorCode.LOAD_REJECTED, e);
        }
    }

    @Override
    public List<WrittenFile> rewriteWithout(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix) {
        if (files.isEmpty()) {
            return List.of();
        }
        return writeRows(LiveRows.of(files, target.layout().schema(), "t", false) + " ANTI JOIN " + Sql.ident(keysRelation) + " k ON "
                + Sql.keyJoin("t", "k", keys), target, filePrefix);
    }

    @Override
    public List<WrittenFile> rewrite(List<DataFileRef> files, TableState target, String filePrefix) {
        return files.isEmpty() ? List.of() : writeRows(LiveRows.of(files, target.layout().schema(), "t", false), target, filePrefix);
    }

    private List<WrittenFile> writeRows(String from, TableState target, String filePrefix) {
        try {
            return writer.write(from, target, filePrefix);
        } catch (SQLException e) {
            throw failure(ErrorCode.LOAD_REJECTED, e);
        }
    }

    @Override
    public List<WrittenDeleteFile> deleteRowsMatchingKeys(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix) {
        if (files.isEmpty()) {
            return List.of();
        }
        execute("CREATE OR REPLACE TEMP TABLE " + POSITIONS + " AS SELECT t." + LiveRows.FILE + " AS idx, t." + LiveRows.POSITION
                + " AS pos, true AS new FROM " + LiveRows.of(files, target.layout().schema(), "t", true) + " SEMI JOIN " + Sql.ident(keysRelation) + " k ON "
                + Sql.keyJoin("t", "k", keys), ErrorCode.LOAD_REJECTED);
        if (files.stream().anyMatch(DataFileRef::hasDeletes)) {
            // the new delete file of a data file replaces its earlier ones, so it carries their positions too
            execute("INSERT INTO " + POSITIONS + " SELECT DISTINCT d." + LiveRows.FILE + ", d." + LiveRows.POSITION + ", false FROM ("
                    + LiveRows.deletedPositions(files) + ") d WHERE d." + LiveRows.FILE + " IN (SELECT idx FROM " + POSITIONS + ")",
                    ErrorCode.LOAD_REJECTED);
        }
        List<WrittenDeleteFile> written = new ArrayList<>();
        try {
            for (List<String> row : select("SELECT idx, count(*), count(*) FILTER (WHERE new) FROM " + POSITIONS
                    + " GROUP BY idx ORDER BY idx")) {
                int index = Integer.parseInt(row.get(0));
                written.add(writer.writePositionDeletes(POSITIONS + " WHERE idx = " + index, files.get(index),
                        Long.parseLong(row.get(1)), Long.parseLong(row.get(2)), target, filePrefix));
            }
        } catch (SQLException e) {
            throw failure(ErrorCode.LOAD_REJECTED, e);
        } finally {
            execute("DROP TABLE " + POSITIONS, ErrorCode.INTERNAL);
        }
        return written;
    }

    @Override
    public CheckMeasurement measure(CheckSpec check, CheckTarget target, int sampleSize) {
        return checks.measure(check, target, sampleSize);
    }

    @Override
    public RelationInfo splitOnChecks(String passing, String rejected, List<CheckSpec> rowChecks, CheckTarget target) {
        checks.split(passing, rejected, rowChecks, target, columnsOf(target.relation()).names());
        return describe(passing);
    }

    @Override
    public Optional<String> tableType(String sqlType) {
        if (!SQL_TYPE.matcher(sqlType.strip()).matches()) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT typeof(CAST(NULL AS " + sqlType.strip() + "))")) {
            rs.next();
            String iceberg = DuckDbTypes.toIceberg(rs.getString(1));
            return iceberg.equals(Column.unsupported(rs.getString(1))) ? Optional.empty() : Optional.of(iceberg);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @Override
    public QueryResult query(String sql, int maxRows) {
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(maxRows);
            try (ResultSet rs = statement.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    columns.add(rs.getMetaData().getColumnLabel(i));
                }
                return new QueryResult(columns, ValueText.rows(rs));
            }
        } catch (SQLException e) {
            throw WeirException.withHint(ErrorCode.QUERY_INVALID, "Cannot run query: " + DuckDbErrors.firstLine(e), "check the SQL; tables are named namespace.table");
        }
    }

    private RelationInfo describe(String relation) {
        long count = Long.parseLong(select("SELECT count(*) FROM " + Sql.relation(relation)).get(0).get(0));
        return new RelationInfo(relation, columnsOf(relation), count);
    }

    /** The relation's columns with their Iceberg types (ids 0: a table assigns them). */
    private TableSchema columnsOf(String relation) {
        List<Column> columns = new ArrayList<>();
        for (List<String> row : select("SELECT column_name, column_type FROM (DESCRIBE " + Sql.relation(relation) + ")")) {
            columns.add(new Column(0, row.get(0), DuckDbTypes.toIceberg(row.get(1)), false));
        }
        return new TableSchema(columns);
    }

    private List<List<String>> select(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return ValueText.rows(rs);
        } catch (SQLException e) {
            throw failure(ErrorCode.INTERNAL, e);
        }
    }

    private void execute(String sql, ErrorCode code) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure(code, e);
        }
    }

    private static WeirException failure(ErrorCode code, SQLException e) {
        return new WeirException(code, DuckDbErrors.firstLine(e), null, null, e);
    }

    @Override
    public long count(String relation) {
        return counter.count(relation);
    }

    @Override
    public Map<String, Long> countBy(String relation, String column) {
        return counter.countBy(relation, column);
    }

    @Override
    public long countAnyNull(String relation, List<String> columns) {
        return counter.countAnyNull(relation, columns);
    }

    @Override
    public RelationInfo quarantineRows(String name, List<RejectedRows.Rejects> rejects, String runId, String pipeline, Instant rejectedAt) {
        quarantine.create(name, rejects, runId, pipeline, rejectedAt);
        return describe(name);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(ErrorCode.INTERNAL, e);
        }
    }
}
