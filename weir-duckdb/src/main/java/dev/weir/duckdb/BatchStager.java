package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages a batch as relation {@code source}: reads it, keeps the rows past the watermark, and,
 * when asked, sets malformed records aside instead of failing on them. Errors while reading input
 * files name the user's file and line; so do those of a lazily staged batch, which is read only
 * when it is written, through {@link #inputNames}.
 */
final class BatchStager {
    private static final Logger LOG = LoggerFactory.getLogger(BatchStager.class);
    private static final String SOURCE = EngineSession.SOURCE;
    private static final String JSON_ROWS = "__weir_json_rows";
    private static final String RECORD_ROWS = "__weir_record_rows";

    private final SessionConnection sql;
    private Map<String, String> inputNames = Map.of();

    BatchStager(SessionConnection sql) {
        this.sql = sql;
    }

    /** The input files of the batch staged last, by absolute path: their names relative to the project, for messages. */
    Map<String, String> inputNames() {
        return inputNames;
    }

    /** See {@link EngineSession#stageLazily}. */
    TableSchema stageLazily(Batch batch) {
        if (batch instanceof Batch.Records records) {
            // converted record by record in Java: there is no scan to stream, so it is staged
            return stageRecords(records, Optional.empty(), Optional.empty()).schema();
        }
        String from = readExpression(batch, false);
        try (Statement statement = sql.jdbc().createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP VIEW " + SOURCE + " AS SELECT * FROM " + from);
        } catch (SQLException e) {
            throw readFailure(batch, inputNames, e);
        }
        return sql.columnsOf(SOURCE);
    }

    /** See {@link EngineSession#stage}. */
    RelationInfo stage(Batch batch, Optional<Batch.KeyFilter> filter) {
        if (batch instanceof Batch.Records records) {
            return stageRecords(records, filter, Optional.empty());
        }
        return stage(batch, filter, false);
    }

    /** See {@link EngineSession#stageKeepingMalformed}. */
    RelationInfo stageKeepingMalformed(Batch batch, Optional<Batch.KeyFilter> filter, String malformed) {
        if (batch instanceof Batch.Records records) {
            return stageRecords(records, filter, Optional.of(malformed));
        }
        if (batch instanceof Batch.Files files
                && files.format() == FileFormat.JSONL
                && !files.columns().isEmpty()) {
            return stageJsonLines(files, filter, malformed);
        }
        boolean csv = batch instanceof Batch.Files files && files.format() == FileFormat.CSV;
        RelationInfo staged = stage(batch, filter, csv);
        sql.execute(
                csv ? CsvRejects.createFromRejects(malformed, inputNames) : CsvRejects.createEmpty(malformed),
                ErrorCode.INTERNAL);
        return staged;
    }

    /** The table function reading {@code batch}; remembers the input files' names for error messages. */
    private String readExpression(Batch batch, boolean storeRejects) {
        if (batch instanceof Batch.Files files) {
            inputNames = BatchReaders.relativeNames(files);
            return BatchReaders.readExpression(files, storeRejects);
        }
        inputNames = Map.of();
        if (batch instanceof Batch.Table table) {
            return Sql.table(table.table());
        }
        if (batch instanceof Batch.Rows rows) {
            if (rows.parquetFiles().isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot stage " + rows.description() + ": it has no Parquet files",
                        "the source must write at least one Parquet file, or report that it has no new rows");
            }
            return "read_parquet("
                    + Sql.stringList(
                            rows.parquetFiles().stream().map(Path::toString).toList()) + ", union_by_name = true)";
        }
        throw new IllegalArgumentException("unknown batch " + batch);
    }

    /** The error of reading {@code batch}: for files, naming the file and line of the bad record. */
    private static WeirException readFailure(Batch batch, Map<String, String> names, SQLException e) {
        if (batch instanceof Batch.Files) {
            return InputErrors.translate(e, names);
        }
        if (batch instanceof Batch.Rows rows) {
            return new WeirException(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot read " + rows.description() + ": " + DuckDbErrors.firstLine(e),
                    null,
                    null,
                    e);
        }
        return DuckDbErrors.failure(ErrorCode.SOURCE_FAILED, e);
    }

    private RelationInfo stageJsonLines(Batch.Files batch, Optional<Batch.KeyFilter> filter, String malformed) {
        try (Statement statement = sql.jdbc().createStatement()) {
            for (String statementSql : JsonLines.statements(batch, JSON_ROWS, malformed)) {
                statement.execute(statementSql);
            }
        } catch (SQLException e) {
            throw InputErrors.isInputError(e)
                    ? InputErrors.translate(e, BatchReaders.relativeNames(batch))
                    : DuckDbErrors.failure(ErrorCode.SOURCE_FAILED, e);
        }
        RelationInfo staged = stageFrom(List.of(JSON_ROWS), filter, batch);
        sql.execute("DROP TABLE " + JSON_ROWS, ErrorCode.INTERNAL);
        return staged;
    }

    /** Appends the converted records, then keeps those past {@code filter} as relation {@code source}. */
    private RelationInfo stageRecords(
            Batch.Records batch, Optional<Batch.KeyFilter> filter, Optional<String> malformed) {
        inputNames = Map.of();
        if (filter.isEmpty()) {
            new RecordStager(sql).stage(batch, SOURCE, malformed);
            return sql.describe(SOURCE);
        }
        new RecordStager(sql).stage(batch, RECORD_ROWS, malformed);
        RelationInfo staged = stageFrom(List.of(RECORD_ROWS), filter, batch);
        sql.execute("DROP TABLE " + RECORD_ROWS, ErrorCode.INTERNAL);
        return staged;
    }

    private RelationInfo stage(Batch batch, Optional<Batch.KeyFilter> filter, boolean storeRejects) {
        List<Batch> scans = storeRejects ? oneScanPerFile((Batch.Files) batch) : List.of(batch);
        return stageFrom(
                scans.stream().map(scan -> readExpression(scan, storeRejects)).toList(), filter, batch);
    }

    /** Stages the rows of every one of {@code fromItems} as relation {@code source}, keeping rows past {@code filter}. */
    private RelationInfo stageFrom(List<String> fromItems, Optional<Batch.KeyFilter> filter, Batch batch) {
        Map<String, String> names = batch instanceof Batch.Files files ? BatchReaders.relativeNames(files) : Map.of();
        try (Statement statement = sql.jdbc().createStatement()) {
            for (int i = 0; i < fromItems.size(); i++) {
                String select = "SELECT * FROM " + fromItems.get(i);
                if (filter.isPresent()) {
                    select += keyCondition(statement, select, filter.get());
                }
                statement.execute(
                        i == 0
                                ? "CREATE OR REPLACE TEMP TABLE " + SOURCE + " AS " + select
                                : "INSERT INTO " + SOURCE + " " + select);
            }
        } catch (SQLException e) {
            throw readFailure(batch, names, e);
        }
        inputNames = names;
        filter.ifPresent(this::dropRowsWithoutKey);
        return sql.describe(SOURCE);
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
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT column_name, column_type FROM (DESCRIBE " + select + ")")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        String type = types.get(filter.column());
        if (type == null) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot extract incrementally on '" + filter.column() + "': the source has no such column",
                    "set extract.incremental_key to one of " + types.keySet());
        }
        if (filter.after().isEmpty()) {
            return "";
        }
        String key = Sql.ident(filter.column());
        return " WHERE " + key + " > CAST(" + Sql.literal(filter.after().get()) + " AS " + type + ") OR " + key
                + " IS NULL";
    }

    /**
     * A row without an incremental key cannot be placed before or after the watermark, so it is
     * never extracted, on the first run as on later ones; the count is logged so it is not lost silently.
     */
    private void dropRowsWithoutKey(Batch.KeyFilter filter) {
        String condition = Sql.ident(filter.column()) + " IS NULL";
        long missing = Long.parseLong(sql.select("SELECT count(*) FROM " + SOURCE + " WHERE " + condition)
                .get(0)
                .get(0));
        if (missing > 0) {
            sql.execute("DELETE FROM " + SOURCE + " WHERE " + condition, ErrorCode.SOURCE_FAILED);
            LOG.warn(
                    "{} source rows have no {} (the incremental key) and were not extracted", missing, filter.column());
        }
    }
}
