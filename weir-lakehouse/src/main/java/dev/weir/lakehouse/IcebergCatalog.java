package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCatalog;
import dev.weir.core.spi.TableState;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.StreamSupport;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.util.ContentFileUtil;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Weir's tables as Apache Iceberg v2 tables in a JDBC catalog kept in a SQLite file, with data and
 * metadata files on the local file system; no Hadoop class is needed at runtime. One instance is
 * shared by every run of a process: it holds no per-run state (that is each {@link IcebergTableStore}
 * session's), every table is loaded fresh from the catalog, and commits are optimistic and retried,
 * so it is safe to use from several threads and processes at once.
 */
public final class IcebergCatalog implements TableCatalog {
    private final JdbcCatalog catalog;
    private final Path warehouse;

    private IcebergCatalog(JdbcCatalog catalog, Path warehouse) {
        this.catalog = catalog;
        this.warehouse = warehouse;
    }

    /**
     * Opens the catalog {@code weir} in the SQLite database at {@code sqliteJdbcUrl} (creating its
     * tables when missing), with new tables under {@code warehouse}.
     *
     * @throws WeirException {@code INTERNAL} when the database or the warehouse cannot be used
     */
    public static IcebergCatalog open(Path warehouse, String sqliteJdbcUrl) {
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(sqliteJdbcUrl, "sqliteJdbcUrl is null");
        return new IcebergCatalog(
                SqliteCatalogs.open(warehouse, sqliteJdbcUrl),
                warehouse.toAbsolutePath().normalize());
    }

    @Override
    public IcebergTableStore openSession() {
        return new IcebergTableStore(this, false);
    }

    @Override
    public Optional<TableState> load(TableId table) {
        return find(table).map(t -> state(table, t));
    }

    @Override
    public List<DataFileRef> dataFiles(TableState state, Optional<KeyRange> range) {
        return plan(state, range).files();
    }

    /** The files of a snapshot as planned, with Iceberg's tasks for a commit that follows to reuse. */
    record PlannedFiles(long snapshotId, List<DataFileRef> files, Map<Path, FileScanTask> tasks) {}

    PlannedFiles plan(TableState state, Optional<KeyRange> range) {
        if (state.snapshotId().isEmpty()) {
            return new PlannedFiles(-1, List.of(), Map.of());
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
        Map<Path, FileScanTask> tasksByPath = new HashMap<>();
        try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
            for (FileScanTask task : tasks) {
                Path path = LocalFileIO.toPath(task.file().location());
                tasksByPath.put(path, task);
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
        files.sort(Comparator.comparing(DataFileRef::path));
        return new PlannedFiles(snapshotId, files, tasksByPath);
    }

    /** The local paths of the position-delete files that apply to the task's data file. */
    static List<String> positionDeletes(TableId table, long snapshotId, FileScanTask task) {
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

    JdbcCatalog iceberg() {
        return catalog;
    }

    Optional<Table> find(TableId table) {
        try {
            return Optional.of(catalog.loadTable(identifier(table)));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    Table require(TableId table) {
        return find(table)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.UNKNOWN_TABLE,
                        "Cannot read table " + table + ": it does not exist",
                        "run the pipeline that creates it first"));
    }

    /**
     * Creates {@code namespace} unless it exists. Two writers creating tables of one new namespace
     * race here: the loser's insert fails on the catalog's unique key (a SQL error, not Iceberg's
     * {@link AlreadyExistsException}), and finding the namespace there afterwards means the goal is reached.
     */
    void createNamespaceIfMissing(Namespace namespace) {
        if (catalog.namespaceExists(namespace)) {
            return;
        }
        try {
            catalog.createNamespace(namespace);
        } catch (AlreadyExistsException e) {
            // another writer created it between the check and the insert
        } catch (UncheckedSQLException e) {
            if (!catalog.namespaceExists(namespace)) {
                throw e;
            }
        }
    }

    static TableState state(TableId id, Table table) {
        Snapshot current = table.currentSnapshot();
        OptionalLong snapshotId = current == null ? OptionalLong.empty() : OptionalLong.of(current.snapshotId());
        return new TableState(id, IcebergLayouts.layoutOf(id, table), snapshotId, dataDir(table));
    }

    /** Where the catalog puts a new table's data: {@code <warehouse>/<namespace>/<table>/data}. */
    Path defaultDataDir(TableId table) {
        return warehouse.resolve(table.namespace()).resolve(table.name()).resolve("data");
    }

    static Path dataDir(Table table) {
        return LocalFileIO.toPath(table.location()).resolve("data");
    }

    static Set<Path> liveFiles(Table table) {
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

    static TableIdentifier identifier(TableId table) {
        return TableIdentifier.of(table.namespace(), table.name());
    }
}
