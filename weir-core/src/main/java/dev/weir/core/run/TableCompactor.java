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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Folds position deletes back into data files: every data file that has deletes is rewritten with
 * its live rows only, and the file and its deletes are replaced in one commit, so readers see the
 * same rows before and after. It holds the lock of the table's writer pipeline, so it never races
 * a load; a compaction that is killed leaves files that the next compaction of the table removes.
 */
public final class TableCompactor {
    /** Summary key marking a snapshot as a compaction (it carries no pipeline watermark). */
    public static final String OPERATION = "weir.operation";

    private final RunServices services;

    public TableCompactor(RunServices services) {
        this.services = services;
    }

    /** What a compaction did; {@code snapshotId} is empty when there was nothing to compact. */
    public record Result(
            TableId table,
            int filesRewritten,
            int deleteFiles,
            long rowsRemoved,
            long rowsWritten,
            OptionalLong snapshotId) {}

    /**
     * Compacts {@code table}, holding the lock of {@code writerPipeline} (the pipeline that loads
     * it, if any) meanwhile.
     *
     * @throws WeirException {@code UNKNOWN_TABLE} when the table does not exist; {@code PIPELINE_BUSY}
     *     when its pipeline is running
     */
    public Result compact(TableId table, Optional<String> writerPipeline) {
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
            List<DataFileRef> withDeletes = tables.dataFiles(state, Optional.empty()).stream()
                    .filter(DataFileRef::hasDeletes)
                    .toList();
            if (withDeletes.isEmpty()) {
                return new Result(table, 0, 0, 0, 0, OptionalLong.empty());
            }
            write(marker, id);
            Path scratch = services.scratchDir(id);
            List<WrittenFile> added;
            try (EngineSession session = services.engine().openSession(scratch)) {
                added = EngineCapabilities.require(session, KeyedWrites.class, "compact " + table)
                        .rewrite(withDeletes, state, id);
            } finally {
                ScratchFiles.delete(scratch);
            }
            long before =
                    withDeletes.stream().mapToLong(DataFileRef::recordCount).sum();
            long after = added.stream().mapToLong(WrittenFile::recordCount).sum();
            services.failPoints().reach(FailPoints.COMPACT_BEFORE_COMMIT, writerPipeline.orElse(""));
            TableCommit commit = new TableCommit(
                    table,
                    state.snapshotId(),
                    CommitKind.REWRITE,
                    added,
                    withDeletes,
                    Map.of(TableCommit.RUN_ID, id, OPERATION, "compact"));
            long snapshot;
            try {
                snapshot = tables.commit(commit);
            } catch (WeirException e) {
                tables.removeUncommittedFiles(table, id);
                throw e;
            }
            delete(marker);
            int deleteFiles = (int) withDeletes.stream()
                    .flatMap(f -> f.positionDeletes().stream())
                    .distinct()
                    .count();
            return new Result(table, withDeletes.size(), deleteFiles, before - after, after, OptionalLong.of(snapshot));
        } finally {
            lock.ifPresent(PipelineLock::close);
        }
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
