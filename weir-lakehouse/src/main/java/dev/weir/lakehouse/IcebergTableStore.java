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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's write session on the tables of an {@link IcebergCatalog}. It keeps what it has not
 * published (tables it created, schema changes, the files it planned for its next commit) to
 * itself; others see them only with its commit. Used by one thread.
 */
public final class IcebergTableStore implements TableStore {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergTableStore.class);

    private static final Map<String, String> TABLE_PROPERTIES = Map.of(
            TableProperties.FORMAT_VERSION, "2",
            TableProperties.DEFAULT_FILE_FORMAT, "parquet",
            TableProperties.PARQUET_COMPRESSION, "zstd",
            // four concurrent writers exhaust the default of 4 retries about 5% of the time
            TableProperties.COMMIT_NUM_RETRIES, "20");

    private final IcebergCatalog catalog;
    private final boolean ownsCatalog;
    /** The files this session last planned per table, for the commit that follows to reuse. */
    private final Map<TableId, IcebergCatalog.PlannedFiles> planned = new HashMap<>();
    /**
     * Tables this session created, or whose schema it evolved, that their next commit has not
     * published yet: others see them, or their new schema, only with that commit.
     */
    private final Map<TableId, Transaction> pending = new HashMap<>();

    IcebergTableStore(IcebergCatalog catalog, boolean ownsCatalog) {
        this.catalog = catalog;
        this.ownsCatalog = ownsCatalog;
    }

    /**
     * A session on a catalog of its own, closed with it: for a tool or test that writes from one
     * thread. A process that runs pipelines opens one {@link IcebergCatalog} and a session per run.
     *
     * @throws WeirException {@code INTERNAL} when the database or the warehouse cannot be used
     */
    public static IcebergTableStore open(Path warehouse, String sqliteJdbcUrl) {
        return new IcebergTableStore(IcebergCatalog.open(warehouse, sqliteJdbcUrl, Optional.empty()), true);
    }

    @Override
    public Optional<TableState> load(TableId table) {
        Transaction unpublished = pending.get(table);
        return unpublished != null ? Optional.of(state(table, unpublished.table())) : catalog.load(table);
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
            catalog.createNamespaceIfMissing(identifier.namespace());
            Transaction create = catalog.iceberg()
                    .buildTable(identifier, icebergSchema)
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
        IcebergCatalog.PlannedFiles files = catalog.plan(state, range);
        if (state.snapshotId().isPresent()) {
            planned.put(state.id(), files);
        }
        return files.files();
    }

    @Override
    public OptionalLong targetFileSizeBytes(TableId table) {
        String value = catalog.require(table).properties().get(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES);
        return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.strip()));
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
        return new CommitPreview(table, commit, task -> IcebergCatalog.positionDeletes(commit.table(), base, task))
                .files();
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

    /** The planned files of the commit's base snapshot, if that is what this store planned last. */
    private Map<Path, FileScanTask> plannedFor(TableCommit commit) {
        IcebergCatalog.PlannedFiles last = planned.remove(commit.table());
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
        return catalog.history(table);
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
        Path dataDir = found.map(IcebergCatalog::dataDir).orElseGet(() -> catalog.defaultDataDir(table));
        if (!Files.isDirectory(dataDir)) {
            return 0;
        }
        // a run whose snapshot was expired may still own live files: never delete those
        Set<Path> live = found.map(IcebergCatalog::liveFiles).orElseGet(Set::of);
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
    public int removeUnreferencedFiles(TableId table, Instant writtenSince) {
        // a file system keeps modification times at a coarser grain than the clock that started the run
        Instant since = writtenSince.minusSeconds(1);
        Predicate<FileTime> writtenAfter = written -> !written.toInstant().isBefore(since);
        List<UnreferencedFiles.Unreferenced> files;
        try {
            Optional<Table> found = find(table);
            files = found.isPresent()
                    ? UnreferencedFiles.of(found.get(), writtenAfter)
                    : UnreferencedFiles.ofMissingTable(
                            catalog.defaultDataDir(table).getParent(), writtenAfter);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Cannot tell which files of table {} nothing references ({}): none removed", table, e.getMessage());
            return 0;
        }
        return UnreferencedFiles.delete(files).size();
    }

    @Override
    public List<TableId> tables() {
        return catalog.tables();
    }

    /** Forgets what this session did not publish; closes the catalog too when the session owns it. */
    @Override
    public void close() {
        pending.clear();
        planned.clear();
        if (ownsCatalog) {
            catalog.close();
        }
    }

    private Optional<Table> find(TableId table) {
        return catalog.find(table);
    }

    private Table require(TableId table) {
        return catalog.require(table);
    }

    private static TableState state(TableId id, Table table) {
        return IcebergCatalog.state(id, table);
    }

    private static TableIdentifier identifier(TableId table) {
        return IcebergCatalog.identifier(table);
    }
}
