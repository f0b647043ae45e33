package dev.weir.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.FailPoints;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.Tick;
import dev.weir.runtime.WeirRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries of transient failures, SLA deadlines alerted while the run goes on, and stale tables. */
class SchedulerAlertsIT {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path project;

    @Test
    void aTransientFailureIsRetriedWithGrowingWaitsEachAttemptItsOwnRun() throws Exception {
        write("weir.yaml", "name: retries\n");
        pipeline(
                "flaky", "\"0 * * * *\"", "error_handling: {strategy: retry, max_retries: 3, retry_delay_seconds: 10}");
        MovableClock clock = new MovableClock(START.minusSeconds(1));
        try (WeirRuntime runtime = open(clock, "after-write-before-commit@flaky:conflicts=2");
                Scheduler scheduler = new Scheduler(runtime, settings(), clock)) {
            scheduler.step();
            clock.advance(Duration.ofSeconds(1));
            passUntilSettled(scheduler); // attempt 1 fails, retry in 10 s
            Tick afterFirst = onlyTick(runtime);
            assertThat(afterFirst.state()).isEqualTo(Tick.TickState.PENDING);
            assertThat(afterFirst.notBefore()).isEqualTo(START.plusSeconds(10));
            clock.advance(Duration.ofSeconds(10));
            passUntilSettled(scheduler); // attempt 2 fails, retry in 20 s
            assertThat(onlyTick(runtime).notBefore()).isEqualTo(START.plusSeconds(30));
            clock.advance(Duration.ofSeconds(19));
            passUntilSettled(scheduler);
            assertThat(onlyTick(runtime).attempts()).as("not before its time").isEqualTo(2);
            clock.advance(Duration.ofSeconds(1));
            passUntilSettled(scheduler);

            Tick done = onlyTick(runtime);
            assertThat(done.state()).isEqualTo(Tick.TickState.SUCCEEDED);
            assertThat(done.runIds()).hasSize(3);
            List<RunRecord> runs = runtime.metastore().recentRuns(Optional.of("flaky"), 10).stream()
                    .sorted(Comparator.comparing(RunRecord::startedAt))
                    .toList();
            assertThat(runs)
                    .extracting(RunRecord::status)
                    .containsExactly(RunStatus.FAILED, RunStatus.FAILED, RunStatus.SUCCESS);
            assertThat(runs).extracting(RunRecord::runId).containsExactlyElementsOf(done.runIds());
        }
    }

    @Test
    void aFailureThatIsNotTransientIsNotRetried() throws Exception {
        write("weir.yaml", "name: retries\n");
        write("data/broken.csv", "id,amount\n1,10.00\n");
        write("pipelines/broken.yaml", """
                pipeline: {name: broken, schedule: "0 * * * *"}
                extract: {source_system: files, connection: data/broken.csv, format: csv, strategy: full}
                transform: {stages: [{name: bad, sql: "SELECT no_such_column FROM source"}]}
                load: {target: bronze.broken, strategy: truncate-reload}
                error_handling: {strategy: retry, max_retries: 3, retry_delay_seconds: 1}
                """);
        MovableClock clock = new MovableClock(START.minusSeconds(1));
        try (WeirRuntime runtime = open(clock, "");
                Scheduler scheduler = new Scheduler(runtime, settings(), clock)) {
            scheduler.step();
            clock.advance(Duration.ofSeconds(1));
            passUntilSettled(scheduler);
            clock.advance(Duration.ofSeconds(10));
            passUntilSettled(scheduler);
            Tick failed = onlyTick(runtime);
            assertThat(failed.state()).isEqualTo(Tick.TickState.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.note()).hasValueSatisfying(n -> assertThat(n).contains("no_such_column"));
        }
    }

    @Test
    void aRunStillGoingAtItsDeadlineAlertsWhileItRuns() throws Exception {
        AtomicReference<Scheduler> current = new AtomicReference<>();
        try (AlertReceiver receiver = new AlertReceiver(
                () -> current.get() == null ? 0 : current.get().running())) {
            write("weir.yaml", "name: slas\n");
            pipeline("slow", "\"0 * * * *\"", "sla_minutes: 1, tier: 1", receiver.url());
            MovableClock clock = new MovableClock(START.minusSeconds(1));
            try (WeirRuntime runtime = open(clock, "after-extract@slow:pause=3000");
                    Scheduler scheduler = new Scheduler(runtime, settings(), clock)) {
                current.set(scheduler);
                scheduler.step();
                clock.advance(Duration.ofSeconds(1));
                scheduler.step(); // starts the run, which pauses for 3 s
                clock.advance(Duration.ofSeconds(61)); // past the deadline: 10:01:00
                scheduler.step();
                passUntilSettled(scheduler);

                assertThat(receiver.whileRunning())
                        .singleElement()
                        .satisfies(body -> assertThat(body)
                                .contains("sla_missed")
                                .contains("missed its SLA of 1 minutes: still running")
                                .contains("\"P1\""));
                assertThat(onlyTick(runtime).state()).isEqualTo(Tick.TickState.SUCCEEDED);
                scheduler.step();
                assertThat(receiver.bodies())
                        .filteredOn(b -> b.contains("sla_missed"))
                        .hasSize(1);
            }
        }
    }

    @Test
    void aTableOlderThanItsFreshnessSlaAlertsOnceEvenWithNoRunDue() throws Exception {
        try (AlertReceiver receiver = new AlertReceiver(() -> 0)) {
            write("weir.yaml", "name: fresh\n");
            pipeline("daily", "\"0 6 * * *\"", "tier: 1", receiver.url());
            write("contracts/daily.yaml", """
                    contract:
                      name: daily
                      version: "1.0.0"
                      owner: data-eng
                      table: bronze.daily
                      sla: {freshness_hours: 2}
                      schema:
                        - {column: id, type: VARCHAR}
                        - {column: amount, type: VARCHAR}
                    """);
            // Iceberg stamps a commit with the wall clock, so this clock starts at it
            MovableClock clock = new MovableClock(Instant.now());
            try (WeirRuntime runtime = open(clock, "")) {
                runtime.run(List.of("daily"));
                try (Scheduler scheduler = new Scheduler(runtime, settings(), clock)) {
                    scheduler.step();
                    clock.advance(Duration.ofHours(1));
                    scheduler.step();
                    assertThat(receiver.bodies()).isEmpty();
                    clock.advance(Duration.ofHours(2));
                    scheduler.step();
                    clock.advance(Duration.ofMinutes(5));
                    scheduler.step();
                }
            }
            assertThat(receiver.bodies())
                    .singleElement()
                    .satisfies(body -> assertThat(body)
                            .contains("data_stale")
                            .contains("bronze.daily is 3.0 h old, past its freshness SLA of 2.0 h")
                            .contains("\"P1\""));
        }
    }

    private WeirRuntime open(MovableClock clock, String failPoint) {
        return WeirRuntime.options(project)
                .clock(clock)
                .failPoints(new FailPoints(failPoint.isEmpty() ? Optional.empty() : Optional.of(failPoint)))
                .open();
    }

    private static Scheduler.Settings settings() {
        return new Scheduler.Settings("test", Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(10));
    }

    /** Passes until nothing runs, without moving the clock. */
    private static void passUntilSettled(Scheduler scheduler) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        do {
            scheduler.step();
            Thread.sleep(50);
        } while (scheduler.running() > 0 && System.nanoTime() < deadline);
        scheduler.step();
    }

    private static Tick onlyTick(WeirRuntime runtime) {
        List<Tick> ticks = runtime.metastore().schedules().recentTicks(Optional.empty(), 10);
        assertThat(ticks).hasSize(1);
        return ticks.get(0);
    }

    private void pipeline(String name, String schedule, String extra) throws IOException {
        pipeline(name, schedule, extra, null);
    }

    private void pipeline(String name, String schedule, String extra, String webhook) throws IOException {
        write("data/" + name + ".csv", "id,amount\n1,10.00\n2,20.00\n");
        boolean handling = extra.startsWith("error_handling");
        write("pipelines/" + name + ".yaml", """
                pipeline: {name: %1$s, schedule: %2$s%3$s}
                extract: {source_system: files, connection: data/%1$s.csv, format: csv, strategy: full}
                load: {target: bronze.%1$s, strategy: truncate-reload}
                %4$s
                """.formatted(
                name,
                schedule,
                handling || extra.isEmpty() ? "" : ", " + extra,
                handling ? extra : webhook == null ? "" : "error_handling: {alert_channels: [\"" + webhook + "\"]}"));
    }

    private void write(String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent() == null ? project : path.getParent());
        Files.writeString(path, text);
    }
}
