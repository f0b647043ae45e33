package dev.weir.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.SnapshotInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineHealthCalculatorTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final PipelineHealthCalculator calculator = new PipelineHealthCalculator(Clock.fixed(NOW, ZoneOffset.UTC));
    private int runNumber;

    private RunRecord run(RunStatus status, Duration ago, double seconds, long rowsLoaded) {
        Instant started = NOW.minus(ago);
        Optional<Instant> completed = status == RunStatus.RUNNING
                ? Optional.empty()
                : Optional.of(started.plusMillis((long) (seconds * 1000)));
        return new RunRecord(
                "orders",
                "r" + runNumber++,
                started,
                completed,
                status,
                status == RunStatus.SUCCESS ? "done" : "load",
                rowsLoaded,
                rowsLoaded,
                rowsLoaded,
                0,
                0,
                0,
                seconds,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static CheckResult check(String runId, CheckStatus status) {
        return new CheckResult(
                runId, "c", "not_null", CheckPhase.PRE_LOAD, Severity.P1, status, true, "0", "0", 0, List.of());
    }

    private PipelineHealth health(
            List<RunRecord> runs,
            List<CheckResult> checks,
            List<SnapshotInfo> snapshots,
            Optional<Integer> sla,
            Optional<Double> freshness) {
        return calculator.health(new HealthInputs("orders", runs, checks, snapshots, sla, freshness));
    }

    private static HealthMetric metric(PipelineHealth health, String name) {
        return health.metrics().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aPipelineNeverRunHasNoDataButNoFailures() {
        PipelineHealth health = health(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());
        assertThat(health.metrics()).hasSize(7);
        assertThat(health.metrics().stream()
                        .filter(m -> !m.name().equals(PipelineHealthCalculator.FAILED_RUNS_24H))
                        .filter(m -> !m.name().equals(PipelineHealthCalculator.BACKFILL_QUEUE)))
                .allMatch(m -> m.status() == MetricStatus.NO_DATA && m.value().isEmpty());
        assertThat(metric(health, PipelineHealthCalculator.FAILED_RUNS_24H).status())
                .isEqualTo(MetricStatus.OK);
        assertThat(health.breached()).isFalse();
    }

    @Test
    void backfillQueueWarnsWhileBackfillsArePendingAndAlertsPastFive() {
        assertThat(PipelineHealthCalculator.backfillQueue(0).status()).isEqualTo(MetricStatus.OK);
        assertThat(PipelineHealthCalculator.backfillQueue(5).status()).isEqualTo(MetricStatus.WARN);
        HealthMetric six = PipelineHealthCalculator.backfillQueue(6);
        assertThat(six.status()).isEqualTo(MetricStatus.BREACH);
        assertThat(six.value()).contains(6.0);
        assertThat(six.target()).isEqualTo("0");
        assertThat(six.alertThreshold()).isEqualTo(">5");
    }

    @Test
    void successRateUsesTheSeedsTargetAndAlertThreshold() {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            runs.add(run(RunStatus.SUCCESS, Duration.ofHours(30 + i), 1, 10));
        }
        runs.add(run(RunStatus.FAILED, Duration.ofHours(50), 1, 0));
        HealthMetric rate = PipelineHealthCalculator.successRate(runs);
        assertThat(rate.value()).contains(95.0);
        assertThat(rate.status()).isEqualTo(MetricStatus.WARN);
        assertThat(rate.target()).isEqualTo(">99%");
        assertThat(rate.alertThreshold()).isEqualTo("<95%");
        runs.add(run(RunStatus.KILLED, Duration.ofHours(51), 1, 0));
        assertThat(PipelineHealthCalculator.successRate(runs).status()).isEqualTo(MetricStatus.BREACH);
    }

    @Test
    void aRunStillRunningCountsNeitherForSuccessNorForRuntime() {
        List<RunRecord> runs = List.of(
                run(RunStatus.SUCCESS, Duration.ofHours(2), 60, 10), run(RunStatus.RUNNING, Duration.ofHours(1), 0, 0));
        PipelineHealth health = health(runs, List.of(), List.of(), Optional.of(10), Optional.empty());
        assertThat(metric(health, PipelineHealthCalculator.SUCCESS_RATE).value())
                .contains(100.0);
        assertThat(metric(health, PipelineHealthCalculator.AVERAGE_RUNTIME).value())
                .contains(60.0);
    }

    @Test
    void runsOlderThanSevenDaysAreLeftOut() {
        List<RunRecord> runs = List.of(
                run(RunStatus.SUCCESS, Duration.ofDays(1), 10, 10), run(RunStatus.FAILED, Duration.ofDays(8), 10, 0));
        PipelineHealth health = health(runs, List.of(), List.of(), Optional.empty(), Optional.empty());
        assertThat(metric(health, PipelineHealthCalculator.SUCCESS_RATE).value())
                .contains(100.0);
    }

    @Test
    void averageRuntimeWarnsPastEightyPercentOfTheSlaAndBreachesPastIt() {
        assertThat(PipelineHealthCalculator.averageRuntime(
                                List.of(run(RunStatus.SUCCESS, Duration.ofHours(1), 8 * 60, 1)), Optional.of(10))
                        .status())
                .isEqualTo(MetricStatus.OK);
        assertThat(PipelineHealthCalculator.averageRuntime(
                                List.of(run(RunStatus.SUCCESS, Duration.ofHours(1), 9 * 60, 1)), Optional.of(10))
                        .status())
                .isEqualTo(MetricStatus.WARN);
        HealthMetric slow = PipelineHealthCalculator.averageRuntime(
                List.of(run(RunStatus.SUCCESS, Duration.ofHours(1), 11 * 60, 1)), Optional.of(10));
        assertThat(slow.status()).isEqualTo(MetricStatus.BREACH);
        assertThat(slow.target()).isEqualTo("<=80% of SLA (8 min)");
    }

    @Test
    void withoutSlaMinutesTheRuntimeIsShownButNotJudged() {
        HealthMetric runtime = PipelineHealthCalculator.averageRuntime(
                List.of(run(RunStatus.SUCCESS, Duration.ofHours(1), 30, 1)), Optional.empty());
        assertThat(runtime.value()).contains(30.0);
        assertThat(runtime.status()).isEqualTo(MetricStatus.NO_DATA);
    }

    @Test
    void freshnessIsTheAgeOfTheLastCommitAgainstTheContractsSla() {
        List<SnapshotInfo> snapshots = List.of(
                new SnapshotInfo(1, NOW.minus(Duration.ofHours(30)), "append", Map.of()),
                new SnapshotInfo(2, NOW.minus(Duration.ofHours(25)), "append", Map.of()));
        HealthMetric stale = PipelineHealthCalculator.freshness(snapshots, Optional.of(24.0), NOW);
        assertThat(stale.value()).contains(25.0);
        assertThat(stale.status()).isEqualTo(MetricStatus.BREACH);
        assertThat(stale.target()).isEqualTo("<=24 h (sla.freshness_hours)");
        assertThat(PipelineHealthCalculator.freshness(snapshots, Optional.of(26.0), NOW)
                        .status())
                .isEqualTo(MetricStatus.OK);
        assertThat(PipelineHealthCalculator.freshness(snapshots, Optional.empty(), NOW)
                        .status())
                .isEqualTo(MetricStatus.NO_DATA);
        assertThat(PipelineHealthCalculator.freshness(List.of(), Optional.of(24.0), NOW)
                        .value())
                .isEmpty();
    }

    @Test
    void volumeVarianceComparesTodayWithTheDailyAverageOfTheWeekBefore() {
        List<RunRecord> runs = List.of(
                run(RunStatus.SUCCESS, Duration.ofDays(2), 1, 100),
                run(RunStatus.SUCCESS, Duration.ofDays(1), 1, 100),
                run(RunStatus.FAILED, Duration.ofHours(2), 1, 999),
                run(RunStatus.SUCCESS, Duration.ofHours(1), 1, 130));
        HealthMetric variance = PipelineHealthCalculator.volumeVariance(runs, NOW);
        assertThat(variance.value()).contains(30.0);
        assertThat(variance.status()).isEqualTo(MetricStatus.WARN);
        List<RunRecord> spike = List.of(
                run(RunStatus.SUCCESS, Duration.ofDays(1), 1, 100),
                run(RunStatus.SUCCESS, Duration.ofHours(1), 1, 151));
        assertThat(PipelineHealthCalculator.volumeVariance(spike, NOW).status()).isEqualTo(MetricStatus.BREACH);
    }

    @Test
    void volumeVarianceHasNoDataBeforeTodaysFirstLoadOrWithoutHistory() {
        assertThat(PipelineHealthCalculator.volumeVariance(
                                List.of(run(RunStatus.SUCCESS, Duration.ofDays(1), 1, 100)), NOW)
                        .status())
                .isEqualTo(MetricStatus.NO_DATA);
        assertThat(PipelineHealthCalculator.volumeVariance(
                                List.of(run(RunStatus.SUCCESS, Duration.ofHours(1), 1, 100)), NOW)
                        .status())
                .isEqualTo(MetricStatus.NO_DATA);
    }

    @Test
    void qualityPassRateIsOkOnlyAtOneHundredPercent() {
        RunRecord recent = run(RunStatus.SUCCESS, Duration.ofHours(1), 1, 1);
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            checks.add(check(recent.runId(), CheckStatus.PASSED));
        }
        checks.add(check(recent.runId(), CheckStatus.QUARANTINED));
        HealthMetric rate = PipelineHealthCalculator.qualityPassRate(List.of(recent), checks);
        assertThat(rate.value()).contains(95.0);
        assertThat(rate.status()).isEqualTo(MetricStatus.WARN);
        checks.add(check(recent.runId(), CheckStatus.ERROR));
        assertThat(PipelineHealthCalculator.qualityPassRate(List.of(recent), checks)
                        .status())
                .isEqualTo(MetricStatus.BREACH);
        assertThat(PipelineHealthCalculator.qualityPassRate(List.of(recent), List.of())
                        .status())
                .isEqualTo(MetricStatus.NO_DATA);
    }

    @Test
    void oneFailedRunInTheLastDayIsABreach() {
        List<RunRecord> runs = List.of(
                run(RunStatus.FAILED, Duration.ofHours(23), 1, 0), run(RunStatus.FAILED, Duration.ofHours(25), 1, 0));
        HealthMetric failed = PipelineHealthCalculator.failedRuns(runs, NOW);
        assertThat(failed.value()).contains(1.0);
        assertThat(failed.status()).isEqualTo(MetricStatus.BREACH);
        assertThat(health(runs, List.of(), List.of(), Optional.empty(), Optional.empty())
                        .breached())
                .isTrue();
    }
}
