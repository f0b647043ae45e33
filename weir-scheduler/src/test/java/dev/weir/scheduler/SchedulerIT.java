package dev.weir.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.FailPoints;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.Tick;
import dev.weir.runtime.WeirRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler in one process on a real project (file sources, DuckDB, Iceberg, the SQLite
 * metastore), with a clock the test moves: cron ticks, catch-up after downtime, the concurrency
 * limit under a burst, on_busy, the lease between two schedulers, and upstream triggers.
 */
class SchedulerIT {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path project;

    @Test
    void aBurstOfTwelveDueTicksNeverRunsMoreThanTheProjectLimit() throws Exception {
        write("weir.yaml", "name: burst\nscheduler: {max_concurrent: 3}\n");
        for (int p = 1; p <= 12; p++) {
            pipeline("p" + p, "\"0 * * * *\"", "");
        }
        MovableClock clock = new MovableClock(START.minusSeconds(1));
        // every run pauses after its extract, so that runs overlap when the limit lets them
        try (WeirRuntime runtime = open(clock, "after-extract:pause=300");
                Scheduler scheduler = new Scheduler(runtime, settings("a"), clock)) {
            scheduler.step(); // first sight of the schedules: they start now
            clock.advance(Duration.ofSeconds(1));
            runUntilIdle(scheduler, clock);

            assertThat(scheduler.mostAtOnce()).isEqualTo(3);
            List<RunRecord> runs = runtime.metastore().recentRuns(Optional.empty(), 100);
            assertThat(runs).hasSize(12).allMatch(r -> r.status() == RunStatus.SUCCESS);
            assertThat(mostOverlapping(runs)).isLessThanOrEqualTo(3);
            assertThat(ticks(runtime)).hasSize(12).allMatch(t -> t.state() == Tick.TickState.SUCCEEDED);
        }
    }

    @Test
    void missedTicksRunAsEachPipelinesCatchUpSays() throws Exception {
        write("weir.yaml", "name: catchup\n");
        pipeline("every", "\"*/10 * * * * *\"", "catch_up: all");
        pipeline("latest", "\"*/10 * * * * *\"", "catch_up: last");
        pipeline("onlynow", "\"*/10 * * * * *\"", "catch_up: none");
        MovableClock clock = new MovableClock(START);
        try (WeirRuntime runtime = open(clock, "")) {
            try (Scheduler first = new Scheduler(runtime, settings("first"), clock)) {
                first.step();
            }
            clock.advance(Duration.ofSeconds(65)); // down for six ticks: :10 to :60, the latest 5 s ago
            try (Scheduler second = new Scheduler(runtime, settings("second"), clock)) {
                runUntilIdle(second, clock);
            }
            Map<String, List<Tick>> byPipeline = ticks(runtime).stream().collect(Collectors.groupingBy(Tick::pipeline));
            assertThat(byPipeline.get("every")).hasSize(6).allMatch(t -> t.state() == Tick.TickState.SUCCEEDED);
            assertThat(byPipeline.get("latest"))
                    .singleElement()
                    .satisfies(t -> assertThat(t.scheduledAt()).isEqualTo(START.plusSeconds(60)));
            assertThat(byPipeline.get("onlynow")).singleElement(); // 5 s late is within the grace: due now
        }
    }

    @Test
    void aTickDueWhileItsPipelineRunsIsQueuedOrSkippedAsOnBusySays() throws Exception {
        write("weir.yaml", "name: busy\n");
        pipeline("queued", "\"* * * * * *\"", "on_busy: queue");
        pipeline("skipped", "\"* * * * * *\"", "on_busy: skip");
        MovableClock clock = new MovableClock(START);
        try (WeirRuntime runtime = open(clock, "after-extract:pause=1500");
                Scheduler scheduler = new Scheduler(runtime, settings("a"), clock)) {
            scheduler.step();
            clock.advance(Duration.ofSeconds(1));
            scheduler.step(); // both start their first tick
            clock.advance(Duration.ofSeconds(1));
            scheduler.step(); // the second tick finds each pipeline busy
            runUntilIdle(scheduler, clock, Duration.ZERO);

            Map<String, List<Tick>> byPipeline = ticks(runtime).stream().collect(Collectors.groupingBy(Tick::pipeline));
            assertThat(byPipeline.get("queued")).hasSize(2).allMatch(t -> t.state() == Tick.TickState.SUCCEEDED);
            assertThat(byPipeline.get("skipped"))
                    .extracting(Tick::state)
                    .containsExactlyInAnyOrder(Tick.TickState.SUCCEEDED, Tick.TickState.SKIPPED);
        }
    }

    @Test
    void ofTwoSchedulersOnOneProjectOnlyTheLeaseHolderRunsTicks() throws Exception {
        write("weir.yaml", "name: lease\n");
        pipeline("p1", "\"*/5 * * * * *\"", "");
        MovableClock clock = new MovableClock(START);
        try (WeirRuntime runtime = open(clock, "");
                Scheduler a = new Scheduler(runtime, settings("a"), clock);
                Scheduler b = new Scheduler(runtime, settings("b"), clock)) {
            assertThat(a.step()).isTrue();
            assertThat(b.step()).isFalse();
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofSeconds(5));
                assertThat(b.step()).isFalse();
                a.step();
                awaitIdle(a);
            }
            a.stop(); // gives the lease up: b takes over at once
            clock.advance(Duration.ofSeconds(5));
            assertThat(b.step()).isTrue();
            awaitIdle(b);
            List<Tick> ticks = ticks(runtime);
            assertThat(ticks).hasSize(7).allMatch(t -> t.state() == Tick.TickState.SUCCEEDED);
            assertThat(snapshotsByRun(runtime, "p1")).hasSize(7);
        }
    }

    @Test
    void anUpstreamPipelineRunsAfterTheTablesItReadsChange() throws Exception {
        write("weir.yaml", "name: upstream\n");
        pipeline("bronze_items", "\"*/10 * * * * *\"", "");
        write("pipelines/silver_items.yaml", """
                pipeline: {name: silver_items, schedule: upstream}
                extract: {source_system: weir, connection: bronze.bronze_items, strategy: full}
                load: {target: silver.items, strategy: truncate-reload}
                """);
        MovableClock clock = new MovableClock(START);
        try (WeirRuntime runtime = open(clock, "");
                Scheduler scheduler = new Scheduler(runtime, settings("a"), clock)) {
            scheduler.step();
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofSeconds(10));
                runUntilIdle(scheduler, clock);
            }
            Map<String, List<Tick>> byPipeline = ticks(runtime).stream().collect(Collectors.groupingBy(Tick::pipeline));
            assertThat(byPipeline.get("bronze_items")).hasSize(2);
            assertThat(byPipeline.get("silver_items"))
                    .hasSize(2)
                    .allMatch(t -> t.trigger() == Tick.Trigger.UPSTREAM && t.state() == Tick.TickState.SUCCEEDED);
            Instant firstSilver = byPipeline.get("silver_items").stream()
                    .map(Tick::scheduledAt)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(firstSilver).isAfter(START.plusSeconds(10).minusMillis(1));
        }
    }

    @Test
    void theLeaseHolderKeepsAFollowedPipelineRunningAndAnotherTakesItOverWithoutLosingOrRepeatingAFile()
            throws Exception {
        write("weir.yaml", "name: follow\n");
        write("data/events/1.csv", "id,amount\n1,10.00\n2,20.00\n");
        write("pipelines/bronze_events.yaml", """
                pipeline: {name: bronze_events, schedule: follow, follow_interval_seconds: 1}
                extract: {source_system: files, connection: "data/events/*.csv", format: csv, strategy: incremental,
                          new_files: true}
                load: {target: bronze.events, strategy: append}
                """);
        MovableClock clock = new MovableClock(START);
        TableId events = new TableId("bronze", "events");
        try (WeirRuntime runtime = open(clock, "");
                Scheduler a = new Scheduler(runtime, settings("a"), clock);
                Scheduler b = new Scheduler(runtime, settings("b"), clock)) {
            assertThat(a.step()).isTrue();
            assertThat(b.step()).isFalse();
            assertThat(a.following()).isEqualTo(1);
            assertThat(b.following()).isZero();
            awaitRows(runtime, events, 2);
            write("data/events/2.csv", "id,amount\n3,30.00\n");
            awaitRows(runtime, events, 3);

            a.stop(); // a batch in flight is cancelled; the lease goes to b at its next pass
            assertThat(a.following()).isZero();
            assertThat(b.step()).isTrue();
            assertThat(b.following()).isEqualTo(1);
            write("data/events/3.csv", "id,amount\n4,40.00\n5,50.00\n");
            awaitRows(runtime, events, 5);
            Thread.sleep(2_500); // batches with nothing new go on and add nothing
            assertThat(rows(runtime, events)).isEqualTo(5);
            assertThat(ticks(runtime)).isEmpty();
        }
    }

    private static void awaitRows(WeirRuntime runtime, TableId table, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (rows(runtime, table) >= rows) {
                assertThat(rows(runtime, table)).isEqualTo(rows);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(table + " did not reach " + rows + " rows within a minute");
    }

    /** The rows of the table's current snapshot, by its summary. */
    private static long rows(WeirRuntime runtime, TableId table) {
        List<SnapshotInfo> history = runtime.tables().history(table);
        return history.isEmpty()
                ? 0
                : Long.parseLong(history.get(history.size() - 1).summary().getOrDefault("total-records", "0"));
    }

    private WeirRuntime open(MovableClock clock, String failPoint) {
        return WeirRuntime.options(project)
                .clock(clock)
                .failPoints(new FailPoints(failPoint.isEmpty() ? Optional.empty() : Optional.of(failPoint)))
                .open();
    }

    private static Scheduler.Settings settings(String holder) {
        return new Scheduler.Settings(holder, Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(10));
    }

    private static void runUntilIdle(Scheduler scheduler, MovableClock clock) throws InterruptedException {
        runUntilIdle(scheduler, clock, Duration.ZERO);
    }

    /**
     * Passes until no tick is open after two passes in a row (a finished run may make a downstream
     * tick due at the next pass), moving the clock by {@code step} between passes.
     */
    private static void runUntilIdle(Scheduler scheduler, MovableClock clock, Duration step)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int idlePasses = 0;
        while (idlePasses < 2 && System.nanoTime() < deadline) {
            scheduler.step();
            Thread.sleep(50);
            clock.advance(step);
            idlePasses = scheduler.running() == 0 && !hasOpenTicks(scheduler) ? idlePasses + 1 : 0;
        }
        assertThat(scheduler.running()).isZero();
    }

    private static boolean hasOpenTicks(Scheduler scheduler) {
        return scheduler.openTicks() > 0;
    }

    private static void awaitIdle(Scheduler scheduler) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (scheduler.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        scheduler.step();
    }

    private static List<Tick> ticks(WeirRuntime runtime) {
        return runtime.metastore().schedules().recentTicks(Optional.empty(), 1_000);
    }

    private static List<SnapshotInfo> snapshotsByRun(WeirRuntime runtime, String pipeline) {
        return runtime.tables().history(new TableId("bronze", pipeline)).stream()
                .filter(s -> s.runId().isPresent())
                .toList();
    }

    /** The most runs whose [start, end] intervals overlap at one instant. */
    private static int mostOverlapping(List<RunRecord> runs) {
        List<long[]> events = new ArrayList<>();
        for (RunRecord run : runs) {
            events.add(new long[] {run.startedAt().toEpochMilli(), 1});
            events.add(new long[] {run.completedAt().orElseThrow().toEpochMilli(), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int most = 0;
        for (long[] e : events) {
            now += e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private void pipeline(String name, String schedule, String policy) throws IOException {
        write("data/" + name + ".csv", "id,amount\n1,10.00\n2,20.00\n");
        write("pipelines/" + name + ".yaml", """
                pipeline: {name: %1$s, schedule: %2$s%3$s}
                extract: {source_system: files, connection: data/%1$s.csv, format: csv, strategy: full}
                load: {target: bronze.%1$s, strategy: truncate-reload}
                """.formatted(name, schedule, policy.isEmpty() ? "" : ", " + policy));
    }

    private void write(String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent() == null ? project : path.getParent());
        Files.writeString(path, text);
    }
}
