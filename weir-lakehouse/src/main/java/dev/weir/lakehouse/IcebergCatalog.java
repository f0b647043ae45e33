package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.MetadataVersion;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCatalog;
import dev.weir.core.spi.TableRecovery;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.UnreferencedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
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
 * Weir's tables as Apache Iceberg v2 tables in a JDBC catalog kept in a SQLite file or a PostgreSQL
 * database (the metastore's), with data and
 * metadata files on the local file system; no Hadoop class is needed at runtime. One instance is
 * shared by every run of a process: it holds no per-run state (that is each {@link IcebergTableStore}
 * session's), every table is loaded fresh from the catalog, and commits are optimistic and retried,
 * so it is safe to use from several threads and processes at once.
 */
public final class IcebergCatalog implements TableCatalog, TableRecovery {
    private final JdbcCatalog catalog;
    private final Path warehouse;
    private final CatalogDatabase database;
    private final MetadataFiles metadataFiles;

    private IcebergCatalog(JdbcCatalog catalog, Path warehouse, CatalogDatabase database) {
        this.catalog = catalog;
        this.warehouse = warehouse;
        this.database = database;
        this.metadataFiles = new MetadataFiles(database, new LocalFileIO());
    }

    /**
     * Opens the catalog {@code weir} in the database at {@code jdbcUrl}: a SQLite file, or a
     * PostgreSQL database ({@code jdbc:postgresql://host:port/database}) signed in as {@code login},
     * which several working directories share (then {@code warehouse} must be a directory they all
     * see); new tables go under {@code warehouse}. Creates the catalog tables when missing.
     *
     * @throws WeirException {@code INTERNAL} when the database or the warehouse cannot be used
     */
    public static IcebergCatalog open(Path warehouse, String jdbcUrl, Optional<DatabaseLogin> login) {
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        Objects.requireNonNull(login, "login is null");
        CatalogDatabase database = CatalogDatabase.of(jdbcUrl, login);
        return new IcebergCatalog(
                JdbcCatalogs.open(warehouse, database),
                warehouse.toAbsolutePath().normalize(),
                database);
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
                        positionDeletes(state.id(), snapshotId, task),
                        PartitionValues.nameOf(task)));
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
        return find(table).map(t -> history(t.currentSnapshot(), t::snapshot)).orElse(List.of());
    }

    /** {@code current} and its ancestors, oldest first; empty when {@code current} is null. */
    static List<SnapshotInfo> history(Snapshot current, Function<Long, Snapshot> lookup) {
        if (current == null) {
            return List.of();
        }
        return StreamSupport.stream(
                        SnapshotUtil.ancestorsOf(current.snapshotId(), lookup).spliterator(), false)
                .sorted(Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMillis))
                .map(s -> new SnapshotInfo(
                        s.snapshotId(),
                        Instant.ofEpochMilli(s.timestampMillis()),
                        Objects.requireNonNullElse(s.operation(), "unknown"),
                        s.summary()))
                .toList();
    }

    @Override
    public List<MetadataVersion> metadataLog(TableId table) {
        List<MetadataVersion> versions = new ArrayList<>();
        boolean current = true;
        for (MetadataFiles.Read read : metadataFiles.log(table)) {
            versions.add(new MetadataVersion(
                    MetadataFiles.local(read.location()).toString(),
                    current,
                    read.metadata().map(m -> Instant.ofEpochMilli(m.lastUpdatedMillis())),
                    read.problem().map(MetadataFiles.Problem::brief),
                    read.metadata()
                            .map(m -> history(m.currentSnapshot(), m::snapshot))
                            .orElse(List.of())));
            current = false;
        }
        return versions;
    }

    @Override
    public void restore(TableId table, String expectedCurrent, String file) {
        MetadataFiles.Read target = metadataFiles.log(table).stream()
                .filter(read -> MetadataFiles.local(read.location()).toString().equals(file))
                .findFirst()
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.USAGE,
                        "Cannot make " + file + " current for table " + table
                                + ": it is not in the table's metadata log",
                        "pick a file that `weir table repair " + table + "` lists"));
        if (target.metadata().isEmpty()) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot make " + file + " current for table " + table + ": it "
                            + target.problem().orElseThrow().describe(),
                    "pick a readable file that `weir table repair " + table + "` lists");
        }
        List<TableMetadata.MetadataLogEntry> earlier = target.metadata().get().previousFiles();
        Optional<String> previous = earlier.isEmpty()
                ? Optional.empty()
                : Optional.of(earlier.get(earlier.size() - 1).file());
        String expected = metadataFiles
                .entry(table)
                .map(MetadataFiles.Entry::current)
                .filter(location -> MetadataFiles.local(location).toString().equals(expectedCurrent))
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.COMMIT_CONFLICT,
                        "Cannot repair table " + table + ": its current metadata file changed meanwhile",
                        "run the repair again to see the table's metadata log as it is now"));
        metadataFiles.pointAt(table, expected, target.location(), previous);
    }

    @Override
    public List<HealthFinding> check() {
        return new TableHealth(this, metadataFiles, database).check();
    }

    @Override
    public List<UnreferencedFile> unreferencedFiles(TableId table) {
        return unreferenced(table, written -> true).stream()
                .map(IcebergCatalog::file)
                .toList();
    }

    @Override
    public List<UnreferencedFile> removeUnreferencedFiles(TableId table, Instant writtenBefore) {
        return UnreferencedFiles.delete(
                        unreferenced(table, written -> written.toInstant().isBefore(writtenBefore)))
                .stream()
                .map(IcebergCatalog::file)
                .toList();
    }

    private List<UnreferencedFiles.Unreferenced> unreferenced(TableId table, Predicate<FileTime> candidate) {
        Table found = require(table);
        try {
            return UnreferencedFiles.of(found, candidate);
        } catch (RuntimeException e) {
            throw new WeirException(
                    ErrorCode.TABLE_UNREADABLE,
                    "Cannot tell which files of table " + table + " nothing references: " + e.getMessage(),
                    null,
                    "run `weir doctor` to see what of the table cannot be read",
                    e);
        }
    }

    private static UnreferencedFile file(UnreferencedFiles.Unreferenced file) {
        return new UnreferencedFile(file.path().toString(), file.written().toInstant(), file.sizeBytes());
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

    /**
     * @throws WeirException {@code TABLE_UNREADABLE} at once (Iceberg's load would retry for about
     *     90 s) when the table's current metadata file is missing or corrupt
     */
    Optional<Table> find(TableId table) {
        metadataFiles.requireReadable(table);
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
