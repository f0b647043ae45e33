package dev.weir.core.run;

import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RejectedRows;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import dev.weir.core.spi.WrittenFile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quarantine of a table, {@code <namespace>.<table>__rejected}: an append-only Iceberg table
 * of the rows a run rejected, with the run, the check, the reason, the row as JSON and where it
 * came from. A run commits its rejects just before its own commit; if that commit does not follow
 * (it fails, or the process dies), {@link #undo} takes the rejects back out, since the batch will
 * be read again.
 */
public final class Quarantine {
    static final String SUFFIX = "__rejected";
    private static final String RELATION = "__weir_quarantine";

    /** The columns of {@link RejectedRows#quarantineRows}, with their types. */
    static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column(0, "run_id", "string", false),
            new Column(0, "pipeline", "string", false),
            new Column(0, "rejected_at", "timestamp", false),
            new Column(0, "check_name", "string", false),
            new Column(0, "reason", "string", false),
            new Column(0, "raw_record", "string", false),
            new Column(0, "origin", "string", false)));

    private final TableStore store;

    Quarantine(TableStore store) {
        this.store = store;
    }

    /** The quarantine table of {@code table}. */
    public static TableId of(TableId table) {
        return new TableId(table.namespace(), table.name() + SUFFIX);
    }

    /** Rejected rows in an engine relation, and where each came from. */
    record Rejects(String relation, RejectedRows.Origin origin) {
        /**
         * Rows that failed checks or were set aside on the way to the load (see
         * {@link EngineSession#splitOnChecks}): traced back to their source record when the engine
         * can (see {@link RejectedRows.BatchRecord}), else their origin is the source, {@code source},
         * followed by the row's {@code keys}. {@code untransformed} when no stage ran between the
         * staged batch and these rows.
         */
        static Rejects ofChecks(
                String relation, String source, List<String> keys, boolean untransformed, Optional<String> sequence) {
            return new Rejects(
                    relation,
                    new RejectedRows.BatchRecord(new RejectedRows.SourceKeys(source, keys), untransformed, sequence));
        }

        /** Records that could not be parsed (see {@link EngineSession#stageKeepingMalformed}); they say where they are. */
        static Rejects malformed(String relation) {
            return new Rejects(relation, new RejectedRows.OriginColumn(EngineSession.REJECTED_ORIGIN));
        }
    }

    /**
     * Writes and commits {@code rejects} into the quarantine of {@code target}, as run {@code runId}.
     * The rejection time is kept to the millisecond.
     *
     * @return the rows quarantined
     */
    long commit(
            EngineSession session, TableId target, List<Rejects> rejects, String pipeline, String runId, Instant at) {
        RelationInfo quarantined = EngineCapabilities.require(session, RejectedRows.class, "quarantine rejected rows")
                .quarantineRows(
                        RELATION,
                        rejects.stream()
                                .map(r -> new RejectedRows.Rejects(r.relation(), r.origin()))
                                .toList(),
                        runId,
                        pipeline,
                        at.truncatedTo(ChronoUnit.MILLIS));
        if (quarantined.rowCount() == 0) {
            return 0;
        }
        TableId id = of(target);
        TableState table =
                store.load(id).orElseGet(() -> store.createWithFirstCommit(id, SCHEMA, Optional.empty(), List.of()));
        List<WrittenFile> files = session.write(RELATION, table, runId);
        store.commit(new TableCommit(
                id,
                table.snapshotId(),
                CommitKind.APPEND,
                files,
                List.of(),
                Map.of(TableCommit.RUN_ID, runId, TableCommit.PIPELINE, pipeline)));
        return quarantined.rowCount();
    }

    /**
     * Leaves out of {@code rejects}, the records set aside while staging, those an earlier committed
     * run of {@code pipeline} already quarantined (same raw record and origin): a source that re-reads
     * its input, such as a table or files read past a key watermark, hands them over on every run, and
     * each is to be quarantined and counted once.
     *
     * @return the rejects left
     */
    long leaveOutQuarantined(EngineSession session, TableId target, String pipeline, String rejects) {
        long count = session.count(rejects);
        TableId id = of(target);
        Optional<TableState> table = count == 0
                ? Optional.empty()
                : store.load(id).filter(s -> s.snapshotId().isPresent());
        if (table.isEmpty()) {
            return count;
        }
        session.attachTable(id, table.get().layout().schema(), store.dataFiles(table.get(), Optional.empty()));
        return EngineCapabilities.require(session, RejectedRows.class, "leave out rejects quarantined before")
                .dropQuarantined(rejects, id.toString(), pipeline);
    }

    /**
     * Removes what run {@code runId} quarantined, if it committed any; used when that run's own
     * commit did not happen. The removal is committed as run {@code byRunId}.
     *
     * @return the rows removed
     */
    long undo(TableId target, String runId, String byRunId) {
        TableId id = of(target);
        List<SnapshotInfo> history = store.history(id);
        if (history.stream().noneMatch(s -> s.runId().filter(runId::equals).isPresent())) {
            return 0;
        }
        TableState table = store.load(id).orElseThrow();
        List<DataFileRef> written = store.dataFiles(table, Optional.empty()).stream()
                .filter(f -> fileName(f.path()).startsWith(runId + "-"))
                .toList();
        if (written.isEmpty()) {
            return 0;
        }
        store.commit(new TableCommit(
                id,
                table.snapshotId(),
                CommitKind.OVERWRITE,
                List.of(),
                written,
                Map.of(TableCommit.RUN_ID, byRunId + "-undo-" + runId, TableCommit.PIPELINE, "weir")));
        return written.stream().mapToLong(DataFileRef::recordCount).sum();
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
