package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.KeyedWrites;
import dev.weir.core.spi.LazyStaging;
import dev.weir.core.spi.MalformedRecords;
import dev.weir.core.spi.RejectedRows;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.SourceFile;
import dev.weir.core.spi.TableLayout;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the topics of the contract share: the project, one engine session per test, and ways to
 * make batches, load tables the way a run does and read them back. Stage SQL in the suite keeps to
 * plain SQL ({@code VALUES}, {@code CAST}, typed literals) that every engine's dialect reads.
 */
abstract class ContractTopic {
    private static final int MAX_ROWS = 10_000;

    final ContractProject project;
    private final String namespace;
    private final EngineContractLoads loads;
    private int runs;
    EngineSession session;

    /** @param namespace the namespace of this topic's tables, so that topics sharing a project never meet */
    ContractTopic(ContractProject project, String namespace) {
        this.project = project;
        this.namespace = namespace;
        this.loads = new EngineContractLoads(project.store());
    }

    @BeforeEach
    final void openSession() {
        session = project.engine().openSession(project.newScratchDir());
    }

    @AfterEach
    final void closeSession() {
        session.close();
    }

    /** The rows of {@code sql}, values as the engine renders them as text ({@code null} for NULL). */
    final List<List<String>> rows(String sql) {
        return session.query(sql, MAX_ROWS).rows();
    }

    /** The session's lazy staging; a test of it is skipped for an engine that lacks it. */
    LazyStaging lazily() {
        return capability(LazyStaging.class);
    }

    /** The session's malformed-record capture; a test of it is skipped for an engine that lacks it. */
    MalformedRecords malformedRecords() {
        return capability(MalformedRecords.class);
    }

    /** The session's building of quarantine rows; a test of it is skipped for an engine that lacks it. */
    RejectedRows rejectedRows() {
        return capability(RejectedRows.class);
    }

    /** The session's keyed writes; a test of them is skipped for an engine that lacks them. */
    KeyedWrites keyed() {
        return capability(KeyedWrites.class);
    }

    <T> T capability(Class<T> type) {
        Optional<T> capability = session.capability(type);
        Assumptions.assumeTrue(capability.isPresent(), "the engine has no " + type.getSimpleName() + " capability");
        return capability.get();
    }

    /** A row for comparison with {@link #rows}; {@code null} stands for NULL. */
    /** Rows past watermark {@code value} on a typed key column. */
    static Batch.KeyFilter after(String column, String value) {
        return new Batch.KeyFilter(column, Optional.of(value), Optional.empty());
    }

    /** All rows, as on the first run: no watermark yet. */
    static Batch.KeyFilter firstRun(String column, Optional<String> type) {
        return new Batch.KeyFilter(column, Optional.empty(), type);
    }

    static List<String> types(RelationInfo relation) {
        return relation.schema().columns().stream().map(Column::type).toList();
    }

    static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    static ColumnDecl column(String name, String sqlType) {
        return new ColumnDecl(name, sqlType);
    }

    /** A table of this topic. */
    final TableId table(String name) {
        return new TableId(namespace, name);
    }

    // --- batches ---

    /** A CSV file with a header row, written to {@code data/<name>}, as a batch with the {@code columns} its source fixed. */
    final Batch.Files csv(String name, String content, ColumnDecl... columns) {
        return files(FileFormat.CSV, CsvOptions.DEFAULTS, List.of(columns), project.write(name, content));
    }

    final Batch.Files files(FileFormat format, CsvOptions csv, List<ColumnDecl> columns, Path... files) {
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(
                    new SourceFile(file, project.relative(file), file.toFile().length()));
        }
        return new Batch.Files(sources, format, csv, columns);
    }

    /**
     * Parquet files holding the rows of {@code sql}, written by the engine under test as a source
     * would write them into its scratch directory: in directory {@code data/<dirName>}.
     */
    final List<Path> parquetFiles(String dirName, String sql) {
        RelationInfo rows = session.runStage("__contract_parquet", sql);
        List<Column> columns = new ArrayList<>();
        for (Column c : rows.schema().columns()) {
            columns.add(new Column(columns.size() + 1, c.name(), c.type(), false));
        }
        TableState target = new TableState(
                table(dirName),
                new TableLayout(new TableSchema(columns), Optional.empty(), List.of()),
                OptionalLong.empty(),
                project.newDir(dirName));
        List<WrittenFile> written = session.write("__contract_parquet", target, "rows");
        assertThat(written).as("files written for " + dirName).isNotEmpty();
        return written.stream().map(f -> Path.of(f.path())).toList();
    }

    // --- loads, as a run makes them ---

    static LoadSpec append(TableId table) {
        return new LoadSpec(
                table,
                LoadStrategy.APPEND,
                List.of(),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty());
    }

    static LoadSpec load(
            TableId table,
            LoadStrategy strategy,
            List<String> mergeKeys,
            MergeMode mode,
            Optional<String> deleteWhen,
            Optional<String> partitionKey) {
        return new LoadSpec(
                table,
                strategy,
                mergeKeys,
                mode,
                deleteWhen,
                partitionKey.map(PartitionField::parse),
                List.of(),
                Optional.empty());
    }

    /** Stages the rows of {@code sql} as relation {@code batch} and loads them by {@code load}, committing the change. */
    final EngineContractLoads.Result load(LoadSpec load, String sql) {
        return load(load, session.runStage("batch", sql));
    }

    final EngineContractLoads.Result load(LoadSpec load, RelationInfo relation) {
        return loads.load(session, load, relation, Optional.empty(), nextRunId());
    }

    final EngineContractLoads.Result load(LoadSpec load, RelationInfo relation, ContractSpec contract) {
        return loads.load(session, load, relation, Optional.of(contract), nextRunId());
    }

    /** Loads the rows of {@code sql} removing the table's rows whose keys are in neither {@code liveKeys} nor the batch. */
    final EngineContractLoads.Reconciled loadReconciling(
            LoadSpec load, String sql, Batch.Records liveKeys, boolean soft, java.time.Instant at) {
        return loads.loadReconciling(session, load, session.runStage("batch", sql), liveKeys, soft, at, nextRunId());
    }

    /** Loads the lazily staged {@code source} unchanged, streaming it into table files. */
    final EngineContractLoads.Result loadUnchanged(LoadSpec load, TableSchema staged) {
        return loads.loadUnchanged(session, load, staged, nextRunId());
    }

    private String nextRunId() {
        return namespace + "-run-" + ++runs;
    }

    // --- reading tables back ---

    /** The current state of {@code table}, which exists. */
    final TableState state(TableId table) {
        return project.store().load(table).orElseThrow(() -> new AssertionError("table " + table + " does not exist"));
    }

    /** The current data files of {@code table}, each with the position deletes that apply to it. */
    final List<DataFileRef> dataFiles(TableId table) {
        TableState state = state(table);
        return state.snapshotId().isPresent() ? project.store().dataFiles(state, Optional.empty()) : List.of();
    }

    /** Makes the current state of {@code table} readable as {@code namespace.table} in this session. */
    final void attach(TableId table) {
        session.attachTable(table, state(table).layout().schema(), dataFiles(table));
    }

    /** The live rows of {@code table}: {@code columns} (a select list), sorted by {@code orderBy}. */
    final List<List<String>> read(TableId table, String columns, String orderBy) {
        attach(table);
        return rows("SELECT " + columns + " FROM " + table + " ORDER BY " + orderBy);
    }
}
