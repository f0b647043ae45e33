package dev.weir.core.health;

import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.SnapshotInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the seed's Pipeline Health Dashboard (Phase 7) for one pipeline, with the seed's
 * targets and alert thresholds. Pure over its inputs and the clock, so the CLI, a metrics
 * endpoint and a UI show the same figures. Days are UTC days.
 */
public final class PipelineHealthCalculator {
    public static final String SUCCESS_RATE = "success_rate";
    public static final String AVERAGE_RUNTIME = "average_runtime";
    public static final String FRESHNESS = "data_freshness";
    public static final String VOLUME_VARIANCE = "volume_variance";
    public static final String QUALITY_PASS_RATE = "quality_pass_rate";
    public static final String FAILED_RUNS_24H = "failed_runs_24h";
    public static final String BACKFILL_QUEUE = "backfill_queue";

    static final Duration WINDOW = Duration.ofDays(7);

    /** Runs that did not try to load (skipped for an upstream, cancelled by a person) say nothing of success. */
    private static final Set<RunStatus> ATTEMPTS =
            Set.of(RunStatus.SUCCESS, RunStatus.FAILED, RunStatus.KILLED, RunStatus.BATCH_SKIPPED);

    private static final Set<RunStatus> FAILURES = Set.of(RunStatus.FAILED, RunStatus.KILLED);

    private final Clock clock;

    public PipelineHealthCalculator(Clock clock) {
        this.clock = clock;
    }

    public PipelineHealth health(HealthInputs in) {
        Instant now = clock.instant();
        List<RunRecord> week = in.runs().stream()
                .filter(r -> !r.startedAt().isBefore(now.minus(WINDOW)))
                .toList();
        return new PipelineHealth(
                in.pipeline(),
                List.of(
                        successRate(week),
                        averageRuntime(week, in.slaMinutes()),
                        freshness(in.targetSnapshots(), in.freshnessHours(), now),
                        volumeVariance(in.runs(), now),
                        qualityPassRate(week, in.checks()),
                        failedRuns(in.runs(), now),
                        backfillQueue(in.pendingBackfills())));
    }

    /** successful_runs / total_runs * 100 over 7 days; target >99%, alert <95%. */
    static HealthMetric successRate(List<RunRecord> week) {
        List<RunRecord> attempts =
                week.stream().filter(r -> ATTEMPTS.contains(r.status())).toList();
        String target = ">99%";
        String alert = "<95%";
        if (attempts.isEmpty()) {
            return HealthMetric.noData(SUCCESS_RATE, "%", target, alert);
        }
        long succeeded =
                attempts.stream().filter(r -> r.status() == RunStatus.SUCCESS).count();
        double rate = 100.0 * succeeded / attempts.size();
        MetricStatus status = rate > 99 ? MetricStatus.OK : rate < 95 ? MetricStatus.BREACH : MetricStatus.WARN;
        return new HealthMetric(SUCCESS_RATE, Optional.of(rate), "%", target, alert, status);
    }

    /**
     * avg(end_time - start_time) of the finished runs over 7 days; target 80% of the SLA. The seed
     * gives no alert threshold: past 80% is its P3 "warning/degradation", past the SLA a breach.
     */
    static HealthMetric averageRuntime(List<RunRecord> week, Optional<Integer> slaMinutes) {
        List<RunRecord> finished =
                week.stream().filter(r -> r.completedAt().isPresent()).toList();
        String target = slaMinutes
                .map(sla -> "<=80% of SLA (" + formatNumber(sla * 0.8) + " min)")
                .orElse("80% of SLA (no sla_minutes)");
        String alert = slaMinutes.map(sla -> ">SLA (" + sla + " min)").orElse("none");
        if (finished.isEmpty()) {
            return HealthMetric.noData(AVERAGE_RUNTIME, "s", target, alert);
        }
        double average = finished.stream()
                .mapToDouble(RunRecord::durationSeconds)
                .average()
                .orElseThrow();
        MetricStatus status = slaMinutes
                .map(sla -> average > sla * 60.0
                        ? MetricStatus.BREACH
                        : average > sla * 60.0 * 0.8 ? MetricStatus.WARN : MetricStatus.OK)
                .orElse(MetricStatus.NO_DATA);
        return new HealthMetric(AVERAGE_RUNTIME, Optional.of(average), "s", target, alert, status);
    }

    /** NOW() - MAX(loaded_at): the age of the target table's last commit; target the contract's freshness SLA. */
    static HealthMetric freshness(List<SnapshotInfo> snapshots, Optional<Double> freshnessHours, Instant now) {
        String target = freshnessHours
                .map(h -> "<=" + formatNumber(h) + " h (sla.freshness_hours)")
                .orElse("SLA (no sla.freshness_hours)");
        String alert = freshnessHours.map(h -> ">" + formatNumber(h) + " h").orElse("none");
        Optional<Instant> lastCommit =
                snapshots.stream().map(SnapshotInfo::committedAt).max(Instant::compareTo);
        if (lastCommit.isEmpty()) {
            return HealthMetric.noData(FRESHNESS, "h", target, alert);
        }
        double ageHours = Duration.between(lastCommit.get(), now).toMillis() / 3_600_000.0;
        MetricStatus status = freshnessHours
                .map(h -> ageHours > h ? MetricStatus.BREACH : MetricStatus.OK)
                .orElse(MetricStatus.NO_DATA);
        return new HealthMetric(FRESHNESS, Optional.of(ageHours), "h", target, alert, status);
    }

    /**
     * abs(today_rows - avg_7d_rows) / avg_7d_rows * 100, rows loaded by successful runs; the average
     * is over the previous 7 days that loaded at all, so a pipeline that runs every other day or
     * started three days ago is not compared against empty days. Before today's first load there
     * is nothing to compare yet. Target <20%, alert >50%.
     */
    static HealthMetric volumeVariance(List<RunRecord> runs, Instant now) {
        String target = "<20%";
        String alert = ">50%";
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<LocalDate, Long> rowsByDay = new TreeMap<>();
        for (RunRecord run : runs) {
            if (run.status() != RunStatus.SUCCESS) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(run.startedAt(), ZoneOffset.UTC);
            if (!day.isBefore(today.minusDays(7)) && !day.isAfter(today)) {
                rowsByDay.merge(day, run.rowsLoaded(), Long::sum);
            }
        }
        Long todayRows = rowsByDay.remove(today);
        if (todayRows == null || rowsByDay.isEmpty()) {
            return HealthMetric.noData(VOLUME_VARIANCE, "%", target, alert);
        }
        double average =
                rowsByDay.values().stream().mapToLong(Long::longValue).average().orElseThrow();
        if (average == 0) {
            return HealthMetric.noData(VOLUME_VARIANCE, "%", target, alert);
        }
        double variance = Math.abs(todayRows - average) / average * 100;
        MetricStatus status = variance < 20 ? MetricStatus.OK : variance > 50 ? MetricStatus.BREACH : MetricStatus.WARN;
        return new HealthMetric(VOLUME_VARIANCE, Optional.of(variance), "%", target, alert, status);
    }

    /** passed_checks / total_checks * 100 over the checks of the last 7 days' runs; target 100%, alert <95%. */
    static HealthMetric qualityPassRate(List<RunRecord> week, List<CheckResult> checks) {
        String target = "100%";
        String alert = "<95%";
        Set<String> weekRuns = week.stream().map(RunRecord::runId).collect(java.util.stream.Collectors.toSet());
        List<CheckResult> weekChecks =
                checks.stream().filter(c -> weekRuns.contains(c.runId())).toList();
        if (weekChecks.isEmpty()) {
            return HealthMetric.noData(QUALITY_PASS_RATE, "%", target, alert);
        }
        long passed = weekChecks.stream()
                .filter(c -> c.status() == CheckStatus.PASSED)
                .count();
        double rate = 100.0 * passed / weekChecks.size();
        MetricStatus status = rate >= 100 ? MetricStatus.OK : rate < 95 ? MetricStatus.BREACH : MetricStatus.WARN;
        return new HealthMetric(QUALITY_PASS_RATE, Optional.of(rate), "%", target, alert, status);
    }

    /** count where status = failed in the last 24 h (a killed run failed too); target 0, alert >0. */
    static HealthMetric failedRuns(List<RunRecord> runs, Instant now) {
        long failed = runs.stream()
                .filter(r -> FAILURES.contains(r.status()))
                .filter(r -> !r.startedAt().isBefore(now.minus(Duration.ofHours(24))))
                .count();
        MetricStatus status = failed > 0 ? MetricStatus.BREACH : MetricStatus.OK;
        return new HealthMetric(FAILED_RUNS_24H, Optional.of((double) failed), "runs", "0", ">0", status);
    }

    /** count of pending backfill requests (running, interrupted or failed); target 0, alert >5. */
    static HealthMetric backfillQueue(int pending) {
        MetricStatus status = pending > 5 ? MetricStatus.BREACH : pending > 0 ? MetricStatus.WARN : MetricStatus.OK;
        return new HealthMetric(BACKFILL_QUEUE, Optional.of((double) pending), "backfills", "0", ">5", status);
    }

    private static String formatNumber(double number) {
        return number == Math.rint(number)
                ? String.valueOf((long) number)
                : String.format(java.util.Locale.ROOT, "%.1f", number);
    }
}
