package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.RejectedBatchException;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.SourceFile;
import dev.weir.core.spi.TableSchema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Stages a batch as relation {@code source}: reads it, keeps the rows past the watermark (compared
 * in the key's type, see {@link IncrementalKey}), and, when asked, sets malformed records and rows
 * without a valid key aside instead of failing on them. Errors while reading input
 * files name the user's file and line; so do those of a lazily staged batch, which is read only
 * when it is written, through {@link #inputNames}.
 */
final class BatchStager {
    private static final String SOURCE = EngineSession.SOURCE;
    private static final String JSON_ROWS = "__weir_json_rows";
    private static final String RECORD_ROWS = "__weir_record_rows";
    /** Rows set aside for their incremental key while staging under dead-letter, in the columns of malformed records. */
    private static final String KEY_REJECTS = "__weir_key_rejects";

    private static final int MESSAGE_ROW_CHARS = 300;

    private final SessionConnection sql;
    private final StagedRecords origins;
    private Map<String, String> inputNames = Map.of();

    BatchStager(SessionConnection sql, StagedRecords origins) {
        this.sql = sql;
        this.origins = origins;
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
        replaceSource();
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
        replaceSource();
        return stage(batch, filter, false, false);
    }

    /** See {@link EngineSession#stageKeepingMalformed}. */
    RelationInfo stageKeepingMalformed(Batch batch, Optional<Batch.KeyFilter> filter, String malformed) {
        if (batch instanceof Batch.Records records) {
            return stageRecords(records, filter, Optional.of(malformed));
        }
        replaceSource();
        if (batch instanceof Batch.Files files
                && files.format() == FileFormat.JSONL
                && !files.columns().isEmpty()) {
            return stageJsonLines(files, filter, malformed);
        }
        boolean csv = batch instanceof Batch.Files files && files.format() == FileFormat.CSV;
        RelationInfo staged = stage(batch, filter, csv, true);
        sql.execute(
                csv ? CsvRejects.createFromRejects(malformed, inputNames) : CsvRejects.createEmpty(malformed),
                ErrorCode.INTERNAL);
        appendKeyRejects(malformed);
        return staged;
    }

    /** Adds the rows set aside for their incremental key to {@code malformed}, after its records that could not be parsed. */
    private void appendKeyRejects(String malformed) {
        sql.execute("INSERT INTO " + Sql.ident(malformed) + " SELECT * FROM " + KEY_REJECTS, ErrorCode.INTERNAL);
        sql.execute("DROP TABLE " + KEY_REJECTS, ErrorCode.INTERNAL);
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
        RelationInfo staged = stageFrom(List.of(JSON_ROWS), filter, batch, true, SOURCE);
        sql.execute("DROP TABLE " + JSON_ROWS, ErrorCode.INTERNAL);
        appendKeyRejects(malformed);
        return staged;
    }

    /**
     * Appends the converted records with their origins, then keeps those past {@code filter} in
     * {@link StagedRecords#TABLE}; relation {@code source} is a view of it without the origins, so
     * that stage SQL sees exactly the batch's columns.
     */
    private RelationInfo stageRecords(
            Batch.Records batch, Optional<Batch.KeyFilter> filter, Optional<String> malformed) {
        inputNames = Map.of();
        dropSource();
        if (filter.isEmpty()) {
            new RecordStager(sql).stage(batch, StagedRecords.TABLE, malformed, origins);
            createSourceView();
            return sql.describe(SOURCE);
        }
        new RecordStager(sql).stage(batch, RECORD_ROWS, malformed, origins);
        RelationInfo staged =
                stageFrom(List.of(RECORD_ROWS), filter, batch, malformed.isPresent(), StagedRecords.TABLE);
        sql.execute("DROP TABLE " + RECORD_ROWS, ErrorCode.INTERNAL);
        malformed.ifPresent(this::appendKeyRejects);
        return staged;
    }

    private RelationInfo stage(
            Batch batch, Optional<Batch.KeyFilter> filter, boolean storeRejects, boolean keepKeyRejects) {
        List<Batch> scans = storeRejects ? oneScanPerFile((Batch.Files) batch) : List.of(batch);
        return stageFrom(
                scans.stream().map(scan -> readExpression(scan, storeRejects)).toList(),
                filter,
                batch,
                keepKeyRejects,
                SOURCE);
    }

    /** A batch that is not records is staged: nothing traces its rows to records, and {@code source} is its own. */
    private void replaceSource() {
        origins.clear();
        dropSource();
    }

    /** Drops {@code source}, a view when records were staged before, else a table if any. */
    private void dropSource() {
        boolean view = !sql.select(
                        "SELECT 1 FROM duckdb_views() WHERE temporary AND view_name = " + Sql.literal(SOURCE))
                .isEmpty();
        sql.execute(view ? "DROP VIEW " + SOURCE : "DROP TABLE IF EXISTS " + SOURCE, ErrorCode.INTERNAL);
    }

    private void createSourceView() {
        sql.execute(
                "CREATE TEMP VIEW " + SOURCE + " AS SELECT * EXCLUDE (" + Sql.ident(StagedRecords.ROW) + ") FROM "
                        + StagedRecords.TABLE,
                ErrorCode.INTERNAL);
    }

    /**
     * Stages the rows of every one of {@code fromItems} as relation {@code source}, keeping rows past
     * {@code filter}: as table {@code into}, which is {@code source} itself or else the table of
     * staged records that view {@code source} shows. Rows whose key is NULL or invalid go to
     * {@link #KEY_REJECTS} when {@code keepKeyRejects} (created, perhaps empty); otherwise they fail the batch.
     */
    private RelationInfo stageFrom(
            List<String> fromItems,
            Optional<Batch.KeyFilter> filter,
            Batch batch,
            boolean keepKeyRejects,
            String into) {
        Map<String, String> names = batch instanceof Batch.Files files ? BatchReaders.relativeNames(files) : Map.of();
        Optional<IncrementalKey> key = Optional.empty();
        try (Statement statement = sql.jdbc().createStatement()) {
            for (int i = 0; i < fromItems.size(); i++) {
                String select = "SELECT * FROM " + fromItems.get(i);
                if (filter.isPresent()) {
                    if (key.isEmpty()) {
                        key = Optional.of(IncrementalKey.of(statement, select, filter.get()));
                    }
                    select += key.get().where(filter.get());
                }
                statement.execute(
                        i == 0
                                ? "CREATE OR REPLACE TEMP TABLE " + into + " AS " + select
                                : "INSERT INTO " + into + " " + select);
            }
        } catch (SQLException e) {
            throw readFailure(batch, names, e);
        }
        if (!into.equals(SOURCE)) {
            createSourceView();
        }
        inputNames = names;
        if (keepKeyRejects) {
            sql.execute(CsvRejects.createEmpty(KEY_REJECTS), ErrorCode.INTERNAL);
        }
        key.ifPresent(k -> setAsideRowsWithoutValidKey(k, origin(batch), keepKeyRejects, into));
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
     * A row whose key is NULL or invalid can be placed neither before nor after the watermark, and
     * must never move it: it is taken out of {@code source}, into {@link #KEY_REJECTS} (check
     * {@link Batch.KeyFilter#CHECK}, its reason, the row as JSON and its origin) when
     * {@code keep}, or else it fails the batch, naming the first such row and how many there are.
     * The rows are read through {@code source} and deleted from table {@code staged}.
     */
    private void setAsideRowsWithoutValidKey(IncrementalKey key, String origin, boolean keep, String staged) {
        String invalid = " FROM " + SOURCE + " s WHERE " + key.invalid();
        List<String> first =
                sql
                        .select("SELECT count(*) OVER (), to_json(s)::VARCHAR, " + key.reason() + invalid + " LIMIT 1")
                        .stream()
                        .findFirst()
                        .orElse(List.of());
        if (first.isEmpty()) {
            return;
        }
        if (!keep) {
            long count = Long.parseLong(first.get(0));
            throw new RejectedBatchException(
                    "Cannot extract incrementally on '" + key.column() + "': " + count
                            + (count == 1 ? " row has" : " rows have") + " no valid key; the first, "
                            + shortened(first.get(1)) + ": " + first.get(2),
                    null,
                    "correct or remove such rows in the source, or set error_handling.strategy: dead-letter to"
                            + " quarantine them and load the rest",
                    sql.describe(SOURCE).rowCount(),
                    count);
        }
        if (staged.equals(StagedRecords.TABLE)) {
            setAsideRecordsWithoutValidKey(key);
            return;
        }
        String column = Sql.ident(key.column());
        sql.execute(
                "INSERT INTO " + KEY_REJECTS + " SELECT " + Sql.literal(Batch.KeyFilter.CHECK) + ", " + key.reason()
                        + ", to_json(s)::VARCHAR, " + Sql.literal(origin + " " + key.column() + "=")
                        + " || coalesce(CAST(" + column + " AS VARCHAR), 'NULL')" + invalid,
                ErrorCode.INTERNAL);
        sql.execute("DELETE FROM " + staged + " s WHERE " + key.invalid(), ErrorCode.INTERNAL);
    }

    /**
     * Rows of a batch of records whose key is NULL or invalid go to {@link #KEY_REJECTS} as their
     * source records: the record's {@code file:line} and original text (the row as JSON when the
     * source no longer gives it).
     */
    private void setAsideRecordsWithoutValidKey(IncrementalKey key) {
        String row = Sql.ident(StagedRecords.ROW);
        String invalid = " FROM " + StagedRecords.TABLE + " s WHERE " + key.invalid();
        String json = sql.columnsOf(SOURCE).names().stream()
                .map(c -> Sql.literal(c) + ": s." + Sql.ident(c))
                .collect(Collectors.joining(", ", "to_json({", "})::VARCHAR"));
        try {
            new RecordTracing(sql.jdbc(), origins).writeTexts("SELECT DISTINCT " + row + invalid);
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.SOURCE_FAILED, e);
        }
        sql.execute(
                "INSERT INTO " + KEY_REJECTS + " SELECT " + Sql.literal(Batch.KeyFilter.CHECK)
                        + ", k.reason, coalesce(t.raw, k.json), t.origin FROM (SELECT s." + row + " AS r, "
                        + key.reason()
                        + " AS reason, " + json + " AS json" + invalid + ") k JOIN " + RecordTracing.TEXTS + " t ON t."
                        + row + " = k.r",
                ErrorCode.INTERNAL);
        sql.execute("DROP TABLE " + RecordTracing.TEXTS, ErrorCode.INTERNAL);
        sql.execute("DELETE" + invalid, ErrorCode.INTERNAL);
    }

    /** A row's JSON as a message shows it: a wide row is cut short. */
    private static String shortened(String json) {
        return json.length() <= MESSAGE_ROW_CHARS ? json : json.substring(0, MESSAGE_ROW_CHARS) + "...";
    }

    /** Where the rows of {@code batch} come from, for the origin of their rejects: the table, the file or their directory. */
    private static String origin(Batch batch) {
        if (batch instanceof Batch.Table table) {
            return table.table().toString();
        }
        if (batch instanceof Batch.Rows rows) {
            return rows.description();
        }
        if (batch instanceof Batch.Records records) {
            return records.description();
        }
        List<String> paths = ((Batch.Files) batch)
                .files().stream().map(SourceFile::relativePath).toList();
        if (paths.size() == 1) {
            return paths.get(0);
        }
        String common = paths.get(0);
        for (String path : paths) {
            while (!path.startsWith(common)) {
                common = common.substring(0, common.length() - 1);
            }
        }
        int slash = common.lastIndexOf('/');
        return slash < 0 ? "." : common.substring(0, slash);
    }
}
