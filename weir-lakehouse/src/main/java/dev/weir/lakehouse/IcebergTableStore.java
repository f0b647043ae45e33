package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.schema.SchemaChange;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.util.ContentFileUtil;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Weir's tables as Apache Iceberg v2 tables in a JDBC catalog kept in a SQLite file, with data and
 * metadata files on the local file system. No Hadoop class is needed at runtime.
 */
public final class IcebergTableStore implements TableStore {
    private static final Map<String, String> TABLE_PROPERTIES = Map.of(
            TableProperties.FORMAT_VERSION, "2",
            TableProperties.DEFAULT_FILE_FORMAT, "parquet",
            TableProperties.PARQUET_COMPRESSION, "zstd",
            // four concurrent writers exhaust the default of 4 retries about 5% of the time
            TableProperties.COMMIT_NUM_RETRIES, "20");

    private final JdbcCatalog catalog;
    private final Path warehouse;
    /** The files this store last planned per table, for the commit that follows to reuse. */
    private final Map<TableId, PlannedFiles> planned = new HashMap<>();
    /**
     * Tables this store created, or whose schema it evolved, that their next commit has not
     * published yet: others see them, or their new schema, only with that commit.
     */
    private final Map<TableId, Transaction> pending = new HashMap<>();

    private IcebergTableStore(JdbcCatalog catalog, Path warehouse) {
        this.catalog = catalog;
        this.warehouse = warehouse;
    }

    /**
     * Opens the catalog {@code weir} in the SQLite database at {@code sqliteJdbcUrl} (creating its
     * tables when missing), with new tables under {@code warehouse}.
     *
     * @throws WeirException {@code INTERNAL} when the database or the warehouse cannot be used
     */
    public static IcebergTableStore open(Path warehouse, String sqliteJdbcUrl) {
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(sqliteJdbcUrl, "sqliteJdbcUrl is null");
        return new IcebergTableStore(
                SqliteCatalogs.open(warehouse, sqliteJdbcUrl),
                warehouse.toAbsolutePath().normalize());
    }

    @Override
    public Optional<TableState> load(TableId table) {
        Transaction unpublished = pending.get(table);
        return unpublished != null
                ? Optional.of(state(table, unpublished.table()))
                : find(table).map(t -> state(table, t));
    }

    @Override
    public TableState create(
            TableId table, TableSchema schema, Optional<PartitionField> partition, List<String> sortKeys) {
        Transaction create = newTable(table, schema, partition, sortKeys);
        try {
            create.commitTransaction();
        } catch (AlreadyExistsException e) {
            throw alreadyExists(table);
        } catch (UncheckedSQLException e) {
            throw catalogFailed(table, e);
        }
        return load(table)
                .orElseThrow(() -> new IllegalStateException("Table " + table + " not found after creating it"));
    }

    @Override
    public TableState createWithFirstCommit(
            TableId table, TableSchema schema, Optional<PartitionField> partition, List<String> sortKeys) {
        Transaction create = newTable(table, schema, partition, sortKeys);
        pending.put(table, create);
        return state(table, create.table());
    }

    private Transaction newTable(
            TableId table, TableSchema schema, Optional<PartitionField> partition, List<String> sortKeys) {
        TableIdentifier identifier = identifier(table);
        Schema icebergSchema = IcebergLayouts.toSchema(table, schema);
        PartitionSpec spec = IcebergLayouts.toPartitionSpec(table, icebergSchema, partition);
        SortOrder sortOrder = IcebergLayouts.toSortOrder(table, icebergSchema, sortKeys);
        if (pending.containsKey(table) || find(table).isPresent()) {
            throw alreadyExists(table);
        }
        try {
            createNamespaceIfMissing(identifier.namespace());
            Transaction create = catalog.buildTable(identifier, icebergSchema)
                    .withPartitionSpec(spec)
                    .withSortOrder(sortOrder)
                    .withProperties(TABLE_PROPERTIES)
                    .createTransaction();
            // the mapping must hold the ids Iceberg assigned, known only inside the transaction
            String nameMapping =
                    NameMappingParser.toJson(MappingUtil.create(create.table().schema()));
            create.updateProperties()
                    .set(TableProperties.DEFAULT_NAME_MAPPING, nameMapping)
                    .commit();
            return create;
        } catch (UncheckedSQLException e) {
            throw catalogFailed(table, e);
        }
    }

    private static WeirException alreadyExists(TableId table) {
        return WeirException.withHint(
                ErrorCode.COMMIT_FAILED,
                "Cannot create table " + table + ": it already exists",
                "load the existing table instead");
    }

    private static WeirException catalogFailed(TableId table, UncheckedSQLException e) {
        return new WeirException(
                ErrorCode.COMMIT_FAILED,
                "Cannot create table " + table + ": the catalog database failed: " + e.getMessage(),
                null,
                "check that the SQLite file is writable, then rerun",
                e);
    }

    @Override
    public List<DataFileRef> dataFiles(TableState state, Optional<KeyRange> range) {
        if (state.snapshotId().isEmpty()) {
            return List.of();
        }
        long snapshotId = state.snapshotId().getAsLong();
        Table table = require(state.id());
        if (table.snapshot(snapshotId) == null) {
            throw WeirException.withHint(
                    ErrorCode.INTERNAL,
                    "Cannot read table " + state.id() + ": snapshot " + snapshotId + " no longer exists",
                    "rerun: the table's snapshots were expired meanwhile");
        }
        TableScan scan = table.newScan().useSnapshot(snapshotId);
        if (range.isPresent()) {
            scan = scan.filter(KeyRangeFilter.of(state.id(), state.layout().schema(), range.get()));
        }
        List<DataFileRef> files = new ArrayList<>();
        Map<Path, FileScanTask> plannedTasks = new HashMap<>();
        try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
            for (FileScanTask task : tasks) {
                Path path = LocalFileIO.toPath(task.file().location());
                plannedTasks.put(path, task);
                files.add(new DataFileRef(
                        path.toString(),
                        task.file().location(),
                        task.file().recordCount(),
                        task.file().fileSizeInBytes(),
                        positionDeletes(state.id(), snapshotId, task)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        planned.put(state.id(), new PlannedFiles(snapshotId, plannedTasks));
        files.sort(Comparator.comparing(DataFileRef::path));
        return files;
    }

    /** The local paths of the position-delete files that apply to the task's data file. */
    private static List<String> positionDeletes(TableId table, long snapshotId, FileScanTask task) {
        List<String> deletes = new ArrayList<>();
        for (DeleteFile delete : task.deletes()) {
            if (delete.content() != FileContent.POSITION_DELETES || ContentFileUtil.isDV(delete)) {
                String kind =
                        delete.content() == FileContent.EQUALITY_DELETES ? "equality deletes" : "deletion vectors";
                throw WeirException.withHint(
                        ErrorCode.UNSUPPORTED_TABLE,
                        "Cannot read table " + table + ": snapshot " + snapshotId + " has " + kind
                                + ", which Weir cannot apply (it applies position deletes)",
                        "rewrite the table's data files with another engine (e.g. Spark CALL system.rewrite_data_files)");
            }
            deletes.add(LocalFileIO.toPath(delete.location()).toString());
        }
        deletes.sort(Comparator.naturalOrder());
        return deletes;
    }

    @Override
    public List<DataFileRef> preview(TableCommit commit) {
        // a transaction's table cannot plan scans: the base snapshot is read from the published table
        Table table = find(commit.table())
                .or(() -> Optional.ofNullable(pending.get(commit.table())).map(Transaction::table))
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.UNKNOWN_TABLE,
                        "Cannot preview a commit to " + commit.table() + ": it does not exist",
                        "create the table first"));
        long base = commit.baseSnapshotId().orElse(-1);
        return new CommitPreview(table, commit, task -> positionDeletes(commit.table(), base, task)).files();
    }

    @Override
    public long commit(TableCommit commit) {
        Transaction unpublished = pending.get(commit.table());
        if (unpublished != null) {
            return commitWithPending(unpublished, commit);
        }
        Table table = find(commit.table())
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.COMMIT_FAILED,
                        "Cannot commit run " + commit.runId() + " to table " + commit.table()
                                + ": the table does not exist",
                        "create the table before committing to it"));
        return new TableCommitter(table, table, commit, plannedFor(commit)).commit();
    }

    /** Publishes the table's creation or schema change together with {@code commit}, atomically. */
    private long commitWithPending(Transaction transaction, TableCommit commit) {
        // a table created by this transaction has no base snapshot to plan
        Table published = find(commit.table()).orElseGet(transaction::table);
        long snapshot = new TableCommitter(transaction.table(), published, commit, plannedFor(commit)).commit();
        try {
            transaction.commitTransaction();
        } catch (AlreadyExistsException e) {
            throw WeirException.withHint(
                    ErrorCode.COMMIT_CONFLICT,
                    "Cannot create table " + commit.table() + ": another process created it meanwhile",
                    "rerun the pipeline: it loads into the existing table");
        } catch (CommitFailedException e) {
            throw new WeirException(
                    ErrorCode.COMMIT_CONFLICT,
                    "Cannot commit run " + commit.runId() + " to table " + commit.table() + " with its schema change: "
                            + e.getMessage(),
                    null,
                    "another writer changed the table meanwhile; rerun the pipeline",
                    e);
        } catch (UncheckedSQLException e) {
            throw new WeirException(
                    ErrorCode.COMMIT_FAILED,
                    "Cannot commit to table " + commit.table() + ": " + e.getMessage(),
                    null,
                    "check that the SQLite file is writable, then rerun",
                    e);
        } finally {
            pending.remove(commit.table());
        }
        return snapshot;
    }

    private record PlannedFiles(long snapshotId, Map<Path, FileScanTask> tasks) {}

    /** The planned files of the commit's base snapshot, if that is what this store planned last. */
    private Map<Path, FileScanTask> plannedFor(TableCommit commit) {
        PlannedFiles last = planned.remove(commit.table());
        boolean sameBase = last != null
                && commit.baseSnapshotId().isPresent()
                && commit.baseSnapshotId().getAsLong() == last.snapshotId();
        return sameBase ? last.tasks() : Map.of();
    }

    @Override
    public TableState evolve(TableState state, List<SchemaChange> changes) {
        Transaction transaction =
                pending.computeIfAbsent(state.id(), id -> require(id).newTransaction());
        UpdateSchema update = transaction.updateSchema();
        for (SchemaChange change : changes) {
            switch (change.kind()) {
                case ADDED -> update.addColumn(change.column(), primitive(state.id(), change.column(), change.to()));
                case RENAMED -> update.renameColumn(change.from(), change.column());
                case WIDENED ->
                    update.updateColumn(change.column(), primitive(state.id(), change.column(), change.to()));
                default -> throw new IllegalArgumentException("a breaking change is not applied: " + change.describe());
            }
        }
        update.commit();
        return state(state.id(), transaction.table());
    }

    private static Type.PrimitiveType primitive(TableId table, String column, String type) {
        return ColumnTypes.parse(type)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.SCHEMA_DRIFT,
                        "Cannot add column '" + column + "' to " + table + ": type " + type
                                + " has no Iceberg equivalent",
                        "cast it in the last transform stage to one of " + ColumnTypes.SUPPORTED));
    }

    @Override
    public List<SnapshotInfo> history(TableId table) {
        return find(table)
                .filter(t -> t.currentSnapshot() != null)
                .map(t -> StreamSupport.stream(
                                SnapshotUtil.ancestorsOf(t.currentSnapshot().snapshotId(), t::snapshot)
                                        .spliterator(),
                                false)
                        .sorted(Comparator.comparingLong(Snapshot::sequenceNumber)
                                .thenComparingLong(Snapshot::timestampMillis))
                        .map(s -> new SnapshotInfo(
                                s.snapshotId(),
                                Instant.ofEpochMilli(s.timestampMillis()),
                                Objects.requireNonNullElse(s.operation(), "unknown"),
                                s.summary()))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public void rollback(TableId table, long snapshotId) {
        Table t = require(table);
        if (t.currentSnapshot() == null
                || !SnapshotUtil.isAncestorOf(t, t.currentSnapshot().snapshotId(), snapshotId)) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot roll " + table + " back to snapshot " + snapshotId + ": it is not in the table's history",
                    "pick a snapshot_id that `weir table history " + table + "` lists");
        }
        try {
            t.manageSnapshots().rollbackTo(snapshotId).commit();
        } catch (CommitFailedException | UncheckedSQLException e) {
            throw new WeirException(
                    ErrorCode.COMMIT_CONFLICT,
                    "Cannot roll " + table + " back: " + e.getMessage(),
                    null,
                    "another writer changed the table meanwhile; run the rollback again",
                    e);
        }
    }

    @Override
    public int removeUncommittedFiles(TableId table, String runId) {
        Objects.requireNonNull(runId, "runId is null");
        pending.remove(table);
        Optional<Table> found = find(table);
        if (found.isPresent()
                && TableCommitter.snapshotOfRun(found.get(), runId).isPresent()) {
            return 0;
        }
        // a table whose first load never committed does not exist, but its files sit where it would have been
        Path dataDir = found.map(IcebergTableStore::dataDir).orElseGet(() -> defaultDataDir(table));
        if (!Files.isDirectory(dataDir)) {
            return 0;
        }
        // a run whose snapshot was expired may still own live files: never delete those
        Set<Path> live = found.map(IcebergTableStore::liveFiles).orElseGet(Set::of);
        String prefix = runId + "-";
        int deleted = 0;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (file.getFileName().toString().startsWith(prefix)
                        && !live.contains(file)
                        && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot remove the files of run " + runId + " from table " + table + ": " + e.getMessage(),
                    null,
                    null,
                    e);
        }
        return deleted;
    }

    @Override
    public List<TableId> tables() {
        List<TableId> tables = new ArrayList<>();
        for (Namespace namespace : catalog.listNamespaces()) {
            for (TableIdentifier identifier : catalog.listTables(namespace)) {
                String name = identifier.toString();
                // tables other engines created with names Weir cannot address are left out
                if (namespace.levels().length == 1 && TableId.isValid(name)) {
                    tables.add(TableId.parse(name));
                }
            }
        }
        tables.sort(Comparator.comparing(TableId::toString));
        return tables;
    }

    @Override
    public void close() {
        catalog.close();
    }

    private Optional<Table> find(TableId table) {
        try {
            return Optional.of(catalog.loadTable(identifier(table)));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    private Table require(TableId table) {
        return find(table)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.UNKNOWN_TABLE,
                        "Cannot read table " + table + ": it does not exist",
                        "run the pipeline that creates it first"));
    }

    private void createNamespaceIfMissing(Namespace namespace) {
        if (catalog.namespaceExists(namespace)) {
            return;
        }
        try {
            catalog.createNamespace(namespace);
        } catch (AlreadyExistsException e) {
            // another process created it between the check and the insert: the goal is reached
        }
    }

    private static TableState state(TableId id, Table table) {
        Snapshot current = table.currentSnapshot();
        OptionalLong snapshotId = current == null ? OptionalLong.empty() : OptionalLong.of(current.snapshotId());
        return new TableState(id, IcebergLayouts.layoutOf(id, table), snapshotId, dataDir(table));
    }

    /** Where the catalog puts a new table's data: {@code <warehouse>/<namespace>/<table>/data}. */
    private Path defaultDataDir(TableId table) {
        return warehouse.resolve(table.namespace()).resolve(table.name()).resolve("data");
    }

    private static Path dataDir(Table table) {
        return LocalFileIO.toPath(table.location()).resolve("data");
    }

    private static Set<Path> liveFiles(Table table) {
        Set<Path> live = new HashSet<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                live.add(LocalFileIO.toPath(task.file().location()));
                task.deletes().forEach(delete -> live.add(LocalFileIO.toPath(delete.location())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return live;
    }

    private static TableIdentifier identifier(TableId table) {
        return TableIdentifier.of(table.namespace(), table.name());
    }
}
