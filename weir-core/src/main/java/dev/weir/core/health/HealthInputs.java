package dev.weir.core.health;

import dev.weir.core.quality.CheckResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.SnapshotInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one pipeline's health is computed from: its runs and their check results (at least the
 * last 7 days'), the snapshots of its target table (empty when it was never committed), its
 * {@code pipeline.sla_minutes} and its contract's {@code sla.freshness_hours}, when declared, and
 * how many of its backfills are not done.
 */
public record HealthInputs(
        String pipeline,
        List<RunRecord> runs,
        List<CheckResult> checks,
        List<SnapshotInfo> targetSnapshots,
        Optional<Integer> slaMinutes,
        Optional<Double> freshnessHours,
        int pendingBackfills) {
    public HealthInputs {
        Objects.requireNonNull(pipeline, "pipeline is null");
        runs = List.copyOf(runs);
        checks = List.copyOf(checks);
        targetSnapshots = List.copyOf(targetSnapshots);
        Objects.requireNonNull(slaMinutes, "slaMinutes is null");
        Objects.requireNonNull(freshnessHours, "freshnessHours is null");
    }

    /** A pipeline with no backfill pending. */
    public HealthInputs(
            String pipeline,
            List<RunRecord> runs,
            List<CheckResult> checks,
            List<SnapshotInfo> targetSnapshots,
            Optional<Integer> slaMinutes,
            Optional<Double> freshnessHours) {
        this(pipeline, runs, checks, targetSnapshots, slaMinutes, freshnessHours, 0);
    }
}
