package dev.weir.scheduler;

import dev.weir.core.quality.CheckResult;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.BackfillStore;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunListener;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableReader;
import dev.weir.runtime.WeirRuntime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler process's metrics in Prometheus' text format: runs by pipeline and status, rows,
 * run durations as histograms, check failures, each table's age, and the scheduler's own queue,
 * runs in flight, lease and pass time, and the backfill queue. Runs are counted as this process sees them end; a table's age
 * is read from its last commit, whoever made it.
 */
public final class SchedulerMetrics implements RunListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final Map<TableId, Instant> lastCommit = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger leaseHeld = new AtomicInteger();
    private final Timer passes;
    private final Timer startDelays;

    public SchedulerMetrics(Clock clock) {
        this.clock = clock;
        Gauge.builder("weir_scheduler_queue_length", queued, AtomicInteger::get)
                .description("Ticks due and waiting for a slot, their upstream, a retry or their pipeline")
                .register(registry);
        Gauge.builder("weir_scheduler_running_runs", running, AtomicInteger::get)
                .description("Runs this scheduler has in flight")
                .register(registry);
        Gauge.builder("weir_scheduler_lease_held", leaseHeld, AtomicInteger::get)
                .description("1 while this scheduler holds the project's lease")
                .register(registry);
        passes = Timer.builder("weir_scheduler_pass")
                .description("Time of one scheduler pass: lease, recovery, planning, dispatch, SLA checks")
                .publishPercentileHistogram()
                .register(registry);
        startDelays = Timer.builder("weir_scheduler_start_delay")
                .description("From a tick's scheduled time (or its retry time) to the start of its run")
                .publishPercentileHistogram()
                .register(registry);
    }

    void started(Duration delay) {
        startDelays.record(delay.isNegative() ? Duration.ZERO : delay);
    }

    /** Watches the project's tables and backfills. */
    void watch(WeirRuntime runtime) {
        watchTables(runtime.project(), runtime.tables());
        watchBackfills(runtime.metastore().backfills());
    }

    /** Starts the table ages from the tables' histories, so a table no run touches yet has its age too. */
    private void watchTables(ProjectSpec project, TableReader tables) {
        for (PipelineSpec pipeline : project.pipelines()) {
            TableId table = pipeline.load().target();
            try {
                tables.history(table).stream()
                        .map(SnapshotInfo::committedAt)
                        .max(Comparator.naturalOrder())
                        .ifPresent(at -> lastCommit.put(table, at));
            } catch (RuntimeException unreadable) {
                // a table that cannot be read has no age to show; its runs report why
            }
            Gauge.builder("weir_table_age_seconds", () -> age(table))
                    .description("Seconds since the table's last commit (NaN before its first)")
                    .tag("table", table.toString())
                    .register(registry);
        }
    }

    /** The Backfill Queue of the seed's dashboard: backfills not done, read from the metastore at each scrape. */
    private void watchBackfills(BackfillStore backfills) {
        Gauge.builder("weir_backfill_queue_length", backfills, SchedulerMetrics::queueLength)
                .description("Backfills not done (running, interrupted or failed): the dashboard's Backfill Queue")
                .register(registry);
    }

    private static double queueLength(BackfillStore backfills) {
        try {
            return backfills.pending(Optional.empty());
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    void pass(Duration took, boolean held, int queuedTicks, int runsInFlight) {
        passes.record(took);
        leaseHeld.set(held ? 1 : 0);
        queued.set(queuedTicks);
        running.set(runsInFlight);
    }

    @Override
    public void committed(String runId, String table, long snapshotId) {
        lastCommit.put(TableId.parse(table), clock.instant());
    }

    @Override
    public void checksEvaluated(String runId, List<CheckResult> results) {
        for (CheckResult r : results) {
            if (!r.passed()) {
                Counter.builder("weir_check_failures")
                        .description("Checks that failed, by check and severity")
                        .tag("check", r.check())
                        .tag("severity", r.severity().name())
                        .register(registry)
                        .increment();
            }
        }
    }

    @Override
    public void runFinished(PipelineResult result) {
        RunRecord r = result.record();
        Counter.builder("weir_runs")
                .description("Runs that ended, by pipeline and status")
                .tag("pipeline", r.pipelineName())
                .tag("status", r.status().wireName())
                .register(registry)
                .increment();
        rows(r.pipelineName(), "extracted", r.rowsExtracted());
        rows(r.pipelineName(), "loaded", r.rowsLoaded());
        rows(r.pipelineName(), "rejected", r.rowsRejected());
        Timer.builder("weir_run_duration")
                .description("Run durations, by pipeline")
                .tag("pipeline", r.pipelineName())
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(Math.round(r.durationSeconds() * 1000)));
    }

    /** The metrics in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private void rows(String pipeline, String kind, long rows) {
        Counter.builder("weir_rows")
                .description("Rows of ended runs, by pipeline and kind (extracted, loaded, rejected)")
                .tag("pipeline", pipeline)
                .tag("kind", kind)
                .register(registry)
                .increment(rows);
    }

    private double age(TableId table) {
        Instant at = lastCommit.get(table);
        return at == null ? Double.NaN : Duration.between(at, clock.instant()).toMillis() / 1000.0;
    }
}
