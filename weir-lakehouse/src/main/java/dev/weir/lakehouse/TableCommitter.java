package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.WrittenDeleteFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.util.ContentFileUtil;

/** Applies one {@link TableCommit} to an Iceberg table as a single snapshot. */
final class TableCommitter {
    private final Table table;
    private final Table published;
    private final TableCommit commit;
    private final Map<Path, FileScanTask> planned;

    /**
     * @param table where the snapshot is made: the table, or the transaction that also publishes its creation or schema change
     * @param published where the base snapshot is planned: a transaction's table cannot plan scans
     * @param planned files of the commit's base snapshot already planned by the store (any subset);
     *     the base snapshot is only planned again when a file the commit names is not among them
     */
    TableCommitter(Table table, Table published, TableCommit commit, Map<Path, FileScanTask> planned) {
        this.table = table;
        this.published = published;
        this.commit = commit;
        this.planned = planned;
    }

    /** The id of the snapshot {@code runId} committed, if it is still in {@code table}'s metadata. */
    static Optional<Long> snapshotOfRun(Table table, String runId) {
        for (Snapshot snapshot : table.snapshots()) {
            if (runId.equals(snapshot.summary().get(TableCommit.RUN_ID))) {
                return Optional.of(snapshot.snapshotId());
            }
        }
        return Optional.empty();
    }

    long commit() {
        Optional<Long> earlier = snapshotOfRun(table, commit.runId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<DataFile> added = commit.added().stream()
                .map(file -> IcebergDataFiles.from(table, file))
                .toList();
        SnapshotUpdate<?> update = switch (commit.kind()) {
            case APPEND -> append(added);
            case OVERWRITE -> overwrite(added);
            case ROW_DELTA -> rowDelta(added);
            case REWRITE -> rewrite(added);
            case REPLACE_ALL -> replaceAll(added);
            case REPLACE_PARTITIONS -> added.isEmpty() ? append(added) : replacePartitions(added);
        };
        commit.summary().forEach(update::set);
        try {
            update.commit();
        } catch (ValidationException e) {
            throw conflict(
                    "the table changed since " + base() + ": " + e.getMessage(),
                    "another writer changed the table meanwhile; rerun the pipeline to start from the new snapshot",
                    e);
        } catch (CommitFailedException e) {
            throw conflict(e.getMessage(), "too many writers committed at once; rerun the pipeline", e);
        } catch (CommitStateUnknownException e) {
            throw conflict(
                    "the catalog did not confirm the commit: " + e.getMessage(),
                    "rerun the pipeline: a run that did commit is recognised by its run id and not applied twice",
                    e);
        } catch (UncheckedSQLException e) {
            String cause = e.getCause() == null
                    ? e.getMessage()
                    : e.getMessage() + ": " + e.getCause().getMessage();
            throw failed(
                    "the catalog database failed: " + cause,
                    "check that the SQLite file is writable and not locked by another program, then rerun",
                    e);
        }
        return snapshotOfRun(table, commit.runId())
                .orElseThrow(() ->
                        new IllegalStateException("Snapshot of run " + commit.runId() + " not found after commit"));
    }

    private AppendFiles append(List<DataFile> added) {
        AppendFiles append = table.newAppend();
        added.forEach(append::appendFile);
        return append;
    }

    /**
     * Copy-on-write: removes exactly the listed files, and the position deletes that covered only
     * them, failing if another writer added or removed data meanwhile.
     */
    private RowDelta overwrite(List<DataFile> added) {
        RowDelta overwrite = table.newRowDelta();
        for (FileScanTask task : removedTasks("to remove")) {
            overwrite.removeRows(task.file());
            fileScopedDeletes(task).forEach(overwrite::removeDeletes);
        }
        added.forEach(overwrite::addRows);
        return validated(overwrite);
    }

    /**
     * Merge-on-read: adds rows and position deletes, each replacing the earlier deletes that
     * covered its data file alone, failing if the files they cover are gone or data changed meanwhile.
     */
    private RowDelta rowDelta(List<DataFile> added) {
        RowDelta delta = table.newRowDelta();
        added.forEach(delta::addRows);
        Map<Path, FileScanTask> baseFiles = baseFiles(
                commit.deletes().stream().map(WrittenDeleteFile::dataFile).toList());
        List<String> covered = new ArrayList<>();
        for (WrittenDeleteFile written : commit.deletes()) {
            FileScanTask task = baseTask(baseFiles, written.dataFile(), "to delete rows from");
            DataFile dataFile = task.file();
            fileScopedDeletes(task).forEach(delta::removeDeletes);
            delta.addDeletes(IcebergDeleteFiles.from(table, written, dataFile));
            covered.add(dataFile.location());
        }
        delta.validateDataFilesExist(covered);
        return validated(delta);
    }

    private RowDelta validated(RowDelta delta) {
        commit.baseSnapshotId().ifPresent(delta::validateFromSnapshot);
        return delta.validateDeletedFiles().validateNoConflictingDataFiles().validateNoConflictingDeleteFiles();
    }

    /**
     * Compaction: replaces the listed files and their file-scoped position deletes with files of
     * the same live rows. Iceberg fails the commit if another writer deleted rows of them meanwhile.
     */
    private RewriteFiles rewrite(List<DataFile> added) {
        RewriteFiles rewrite = table.newRewrite();
        for (FileScanTask task : removedTasks("to rewrite")) {
            rewrite.deleteFile(task.file());
            fileScopedDeletes(task).forEach(rewrite::deleteFile);
        }
        added.forEach(rewrite::addFile);
        commit.baseSnapshotId().ifPresent(rewrite::validateFromSnapshot);
        return rewrite;
    }

    /** The base snapshot's tasks of the files the commit removes. */
    private List<FileScanTask> removedTasks(String purpose) {
        Map<Path, FileScanTask> baseFiles =
                baseFiles(commit.removed().stream().map(DataFileRef::path).toList());
        return commit.removed().stream()
                .map(removed -> baseTask(baseFiles, removed.path(), purpose))
                .toList();
    }

    /**
     * The task's delete files that cover its data file alone: they go with it. Deletes another
     * engine wrote for a whole partition stay, since they may cover other files too.
     */
    private static List<DeleteFile> fileScopedDeletes(FileScanTask task) {
        return task.deletes().stream().filter(ContentFileUtil::isFileScoped).toList();
    }

    private FileScanTask baseTask(Map<Path, FileScanTask> baseFiles, String path, String purpose) {
        FileScanTask task = baseFiles.get(LocalFileIO.toPath(path));
        if (task == null) {
            throw failed("file " + path + " " + purpose + " is not in " + base(), "rerun the pipeline", null);
        }
        return task;
    }

    private OverwriteFiles replaceAll(List<DataFile> added) {
        OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
        added.forEach(overwrite::addFile);
        return validatedOverwrite(overwrite);
    }

    private OverwriteFiles validatedOverwrite(OverwriteFiles overwrite) {
        commit.baseSnapshotId().ifPresent(overwrite::validateFromSnapshot);
        return overwrite.validateNoConflictingData().validateNoConflictingDeletes();
    }

    private ReplacePartitions replacePartitions(List<DataFile> added) {
        ReplacePartitions replace = table.newReplacePartitions();
        added.forEach(replace::addFile);
        commit.baseSnapshotId().ifPresent(replace::validateFromSnapshot);
        return replace.validateNoConflictingData().validateNoConflictingDeletes();
    }

    /** Files of the base snapshot, holding at least {@code needed} if the snapshot has them. */
    private Map<Path, FileScanTask> baseFiles(List<String> needed) {
        if (needed.stream().allMatch(path -> planned.containsKey(LocalFileIO.toPath(path)))) {
            return planned;
        }
        Map<Path, FileScanTask> files = new HashMap<>();
        OptionalLong base = commit.baseSnapshotId();
        if (base.isEmpty()) {
            return files;
        }
        if (published.snapshot(base.getAsLong()) == null) {
            throw failed(base() + " no longer exists", "rerun the pipeline", null);
        }
        try (CloseableIterable<FileScanTask> tasks =
                published.newScan().useSnapshot(base.getAsLong()).planFiles()) {
            tasks.forEach(task -> files.put(LocalFileIO.toPath(task.file().location()), task));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private String base() {
        OptionalLong base = commit.baseSnapshotId();
        return base.isPresent() ? "snapshot " + base.getAsLong() : "the empty table";
    }

    /** A failure that a new attempt, computed from the table's new state, may not meet. */
    private WeirException conflict(String reason, String hint, Throwable cause) {
        return new WeirException(
                ErrorCode.COMMIT_CONFLICT,
                "Cannot commit run " + commit.runId() + " to table " + commit.table() + ": " + reason,
                null,
                hint,
                cause);
    }

    private WeirException failed(String reason, String hint, Throwable cause) {
        return new WeirException(
                ErrorCode.COMMIT_FAILED,
                "Cannot commit run " + commit.runId() + " to table " + commit.table() + ": " + reason,
                null,
                hint,
                cause);
    }
}
