package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.KeyedWrites;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rewrites a table's data files that have position deletes and merges its small files (see
 * {@link CompactionPlan}): the rewritten files and their deletes are replaced in one commit by
 * files holding the same live rows, so readers see the same rows before and after. It holds the
 * lock of the table's writer pipeline, so it never races a load; a compaction that is killed
 * leaves files that the next compaction of the table removes.
 */
public final class TableCompactor {
    /** Summary key marking a snapshot as a compaction (it carries no pipeline watermark). */
    public static final String OPERATION = "weir.operation";

    private final RunServices services;

    public TableCompactor(RunServices services) {
        this.services = services;
    }

    /**
     * What a compaction did; {@code snapshotId} is empty when there was nothing to compact.
     *
     * @param filesRewritten data files replaced ({@code filesWithDeletes} of them had deletes) by
     *     {@code filesWritten} new ones
     * @param deleteFiles delete files that went with the replaced files
     * @param dataFilesBefore data files of the table before, {@code dataFilesAfter} after
     * @param smallFileBytes files below this size were small
     */
    public record Result(
            TableId table,
            long smallFileBytes,
            int dataFilesBefore,
            int dataFilesAfter,
            int filesRewritten,
            int filesWritten,
            int filesWithDeletes,
            int deleteFiles,
            long rowsRemoved,
            long rowsWritten,
            long bytesRewritten,
            long bytesWritten,
            OptionalLong snapshotId) {}

    /** Compacts {@code table} with the {@link CompactionOptions#defaults()}. */
    public Result compact(TableId table, Optional<String> writerPipeline) {
        return compact(table, writerPipeline, CompactionOptions.defaults());
    }

    /**
     * Compacts {@code table}, holding the lock of {@code writerPipeline} (the pipeline that loads
     * it, if any) meanwhile.
     *
     * @throws WeirException {@code UNKNOWN_TABLE} when the table does not exist; {@code PIPELINE_BUSY}
     *     when its pipeline is running; {@code COMMIT_FAILED} when a writer changed the rewritten
     *     files meanwhile
     */
    public Result compact(TableId table, Optional<String> writerPipeline, CompactionOptions options) {
        String id = "compact-" + RunIds.next(services.clock());
        Optional<PipelineLock> lock = writerPipeline.map(pipeline -> PipelineLock.acquire(
                services.lockDir(),
                pipeline,
                id,
                "compact table " + table + ": its pipeline '" + pipeline + "' is running"));
        try (TableStore tables = services.tables().openSession()) {
            Path marker = services.stateDir().resolve("compactions").resolve(table + ".id");
            removeFilesOfInterruptedCompaction(tables, table, marker);
            TableState state = tables.load(table)
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.UNKNOWN_TABLE,
                            "Cannot compact table " + table + ": it does not exist",
                            "name a table that `weir table list` shows"));
            List<DataFileRef> dataFiles = tables.dataFiles(state, Optional.empty());
            long target = options.targetFor(tables.targetFileSizeBytes(table));
            long small = CompactionOptions.smallFileBytes(target);
            CompactionPlan plan = CompactionPlan.of(dataFiles, target, options.minInputFiles());
            List<DataFileRef> rewritten = plan.files();
            if (plan.isEmpty() || rewritten.size() < options.minFilesToRewrite()) {
                return new Result(
                        table, small, dataFiles.size(), dataFiles.size(), 0, 0, 0, 0, 0, 0, 0, 0, OptionalLong.empty());
            }
            write(marker, id);
            List<WrittenFile> added = rewrite(plan, state, id);
            services.failPoints().reach(FailPoints.COMPACT_BEFORE_COMMIT, writerPipeline.orElse(""));
            TableCommit commit = new TableCommit(
                    table,
                    state.snapshotId(),
                    CommitKind.REWRITE,
                    added,
                    rewritten,
                    Map.of(TableCommit.RUN_ID, id, OPERATION, "compact"));
            long snapshot;
            try {
                snapshot = tables.commit(commit);
            } catch (WeirException e) {
                tables.removeUncommittedFiles(table, id);
                delete(marker);
                throw e;
            }
            delete(marker);
            long rowsBefore =
                    rewritten.stream().mapToLong(DataFileRef::recordCount).sum();
            long rowsAfter = added.stream().mapToLong(WrittenFile::recordCount).sum();
            return new Result(
                    table,
                    small,
                    dataFiles.size(),
                    dataFiles.size() - rewritten.size() + added.size(),
                    rewritten.size(),
                    added.size(),
                    (int) rewritten.stream().filter(DataFileRef::hasDeletes).count(),
                    (int) rewritten.stream()
                            .flatMap(f -> f.positionDeletes().stream())
                            .distinct()
                            .count(),
                    rowsBefore - rowsAfter,
                    rowsAfter,
                    rewritten.stream().mapToLong(DataFileRef::sizeBytes).sum(),
                    added.stream().mapToLong(WrittenFile::sizeBytes).sum(),
                    OptionalLong.of(snapshot));
        } finally {
            lock.ifPresent(PipelineLock::close);
        }
    }

    /** Writes each group of the plan on its own, so that each becomes files of about the target size. */
    private List<WrittenFile> rewrite(CompactionPlan plan, TableState state, String id) {
        Path scratch = services.scratchDir(id);
        List<WrittenFile> added = new ArrayList<>();
        try (EngineSession session = services.engine().openSession(scratch)) {
            KeyedWrites writes = EngineCapabilities.require(session, KeyedWrites.class, "compact " + state.id());
            for (List<DataFileRef> group : plan.groups()) {
                added.addAll(writes.rewrite(group, state, id));
            }
        } finally {
            ScratchFiles.delete(scratch);
        }
        return added;
    }

    /** A compaction killed before its commit left files named with its id; they are not part of the table. */
    private static void removeFilesOfInterruptedCompaction(TableStore tables, TableId table, Path marker) {
        if (Files.exists(marker)) {
            String interrupted = read(marker).trim();
            tables.removeUncommittedFiles(table, interrupted);
            delete(marker);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
