package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.MetadataVersion;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableRecovery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings back a table whose current metadata file cannot be read by making an earlier, readable
 * one of its metadata log current, holding the lock of the table's writer pipeline so that no load
 * runs meanwhile. What the later metadata held leaves the table, and so does the watermark kept in
 * its snapshots: the next run of the pipeline loads that data again.
 */
public final class TableRepair {
    private static final int RUNS_LOOKED_AT = 1_000;

    private final RunServices services;
    private final TableRecovery recovery;

    /** @throws WeirException {@code USAGE} when the project's table catalog keeps no metadata log */
    public TableRepair(RunServices services) {
        this.services = services;
        if (!(services.tables() instanceof TableRecovery found)) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot repair tables: the project's table catalog keeps no metadata log",
                    "repair the table with the tools of its catalog");
        }
        this.recovery = found;
    }

    /**
     * What a repair would do.
     *
     * @param log the table's metadata files, newest (the current one) first
     * @param target the file to make current; empty when there is nothing to repair
     * @param lostRuns runs whose commits the repair drops, newest first (from the metastore, since an
     *     unreadable file cannot tell)
     * @param watermarkNow the watermark of the table's pipeline before the repair, as far as known
     * @param watermarkAfter the watermark the target's snapshots hold
     */
    public record Plan(
            TableId table,
            List<MetadataVersion> log,
            Optional<MetadataVersion> target,
            List<RunRecord> lostRuns,
            Optional<String> watermarkNow,
            Optional<String> watermarkAfter) {
        public Plan {
            Objects.requireNonNull(table, "table is null");
            log = List.copyOf(log);
            lostRuns = List.copyOf(lostRuns);
        }

        public MetadataVersion current() {
            return log.get(0);
        }
    }

    /** The table's metadata files, newest first: the current one, then its metadata log. */
    public List<MetadataVersion> log(TableId table) {
        return recovery.metadataLog(table);
    }

    /**
     * Picks the file to make current: {@code to} (a file of the log, by name or path) or else the
     * newest readable earlier one when the current one cannot be read.
     *
     * @throws WeirException {@code USAGE} when {@code to} is not a readable earlier file of the log;
     *     {@code TABLE_UNREADABLE} when no earlier file is readable
     */
    public Plan plan(TableId table, List<MetadataVersion> log, Optional<String> to, Optional<String> writer) {
        MetadataVersion current = log.get(0);
        Optional<MetadataVersion> target;
        if (to.isPresent()) {
            target = Optional.of(chosen(table, log, to.get()));
        } else if (current.readable()) {
            target = Optional.empty();
        } else {
            target = Optional.of(log.stream()
                    .skip(1)
                    .filter(MetadataVersion::readable)
                    .findFirst()
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.TABLE_UNREADABLE,
                            "Cannot repair table " + table + ": no earlier metadata file in its metadata log is"
                                    + " readable",
                            "restore " + current.file() + " from a backup; until then the table cannot be read")));
        }
        if (target.isEmpty()) {
            return new Plan(table, log, target, List.of(), Optional.empty(), Optional.empty());
        }
        List<RunRecord> lost = writer.map(p -> lostRuns(p, target.get())).orElse(List.of());
        Optional<String> now = current.readable()
                ? watermark(current)
                : lost.stream().findFirst().flatMap(RunRecord::watermarkAfter);
        return new Plan(table, log, target, lost, now.or(() -> watermark(target.get())), watermark(target.get()));
    }

    /**
     * Makes the plan's target current, holding the writer pipeline's lock.
     *
     * @throws WeirException {@code PIPELINE_BUSY} when the pipeline is running; {@code COMMIT_CONFLICT}
     *     when the table's current metadata file changed since the plan
     */
    public void apply(Plan plan, Optional<String> writer) {
        MetadataVersion target = plan.target().orElseThrow(() -> new IllegalArgumentException("nothing to repair"));
        String id = "repair-" + RunIds.next(services.clock());
        Optional<PipelineLock> lock = writer.map(pipeline -> PipelineLock.acquire(
                services.lockDir(),
                pipeline,
                id,
                "repair table " + plan.table() + ": its pipeline '" + pipeline + "' is running"));
        try {
            recovery.restore(plan.table(), plan.current().file(), target.file());
        } finally {
            lock.ifPresent(PipelineLock::close);
        }
    }

    private static MetadataVersion chosen(TableId table, List<MetadataVersion> log, String to) {
        MetadataVersion found = log.stream()
                .filter(v -> v.file().equals(to) || v.file().endsWith("/" + to))
                .findFirst()
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.USAGE,
                        "Cannot repair table " + table + " to " + to + ": it is not in the table's metadata log",
                        "pick a file that `weir table repair " + table + "` lists"));
        if (found.current()) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot repair table " + table + " to " + to + ": it is the current metadata file",
                    "pick an earlier file that `weir table repair " + table + "` lists");
        }
        if (!found.readable()) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot repair table " + table + " to " + to + ": it is unreadable ("
                            + found.problem().orElseThrow() + ")",
                    "pick a readable file that `weir table repair " + table + "` lists");
        }
        return found;
    }

    /**
     * The pipeline's successful runs that published something after the target's newest snapshot
     * and are not in its history: the runs whose commits the repair drops.
     */
    private List<RunRecord> lostRuns(String pipeline, MetadataVersion target) {
        Set<String> kept = target.history().stream()
                .map(SnapshotInfo::runId)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        Instant after = target.snapshot().map(SnapshotInfo::committedAt).orElse(Instant.MIN);
        return services.metastore().recentRuns(Optional.of(pipeline), RUNS_LOOKED_AT).stream()
                .filter(run -> run.status() == RunStatus.SUCCESS)
                .filter(run -> !kept.contains(run.runId()))
                .filter(run -> run.completedAt().map(after::isBefore).orElse(false))
                .filter(run -> run.rowsLoaded() + run.rowsRejected() > 0
                        || !run.watermarkAfter().equals(run.watermarkBefore()))
                .toList();
    }

    private static Optional<String> watermark(MetadataVersion version) {
        List<SnapshotInfo> history = version.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            String watermark = history.get(i).summary().get(TableCommit.WATERMARK);
            if (watermark != null) {
                return Optional.of(watermark);
            }
        }
        return Optional.empty();
    }
}
