package dev.weir.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.FailPoints;
import dev.weir.core.spi.Backfill;
import dev.weir.core.spi.BackfillChunk;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.runtime.WeirRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes the scheduler's /metrics over HTTP and checks the figures against the metastore. */
class SchedulerMetricsIT {
    @TempDir
    Path project;

    @Test
    void metricsCountTheRunsRowsAndChecksTheMetastoreRecorded() throws Exception {
        write("weir.yaml", "name: metrics\n");
        write("data/good.csv", "id,amount\n1,10.00\n2,20.00\n3,30.00\n");
        write("pipelines/good.yaml", """
                pipeline: {name: good, schedule: "*/10 * * * * *"}
                extract: {source_system: files, connection: data/good.csv, format: csv, strategy: full}
                load: {target: bronze.good, strategy: truncate-reload}
                quality_gates:
                  post_load:
                    - {type: volume, params: {min_rows: 5}, severity: P2, block: false}
                """);
        write("data/bad.csv", "id\n1\n");
        write("pipelines/bad.yaml", """
                pipeline: {name: bad, schedule: "*/10 * * * * *"}
                extract: {source_system: files, connection: data/bad.csv, format: csv, strategy: full}
                transform: {stages: [{name: broken, sql: "SELECT missing FROM source"}]}
                load: {target: bronze.bad, strategy: truncate-reload}
                """);
        MovableClock clock = new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        SchedulerMetrics metrics = new SchedulerMetrics(clock);
        try (WeirRuntime runtime = WeirRuntime.options(project)
                        .clock(clock)
                        .failPoints(new FailPoints(Optional.empty()))
                        .listener(metrics)
                        .open();
                Scheduler scheduler = new Scheduler(
                        runtime,
                        new Scheduler.Settings(
                                "m", Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(5)),
                        clock,
                        metrics);
                MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, "127.0.0.1", 0)) {
            scheduler.step();
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofSeconds(10));
                do {
                    scheduler.step();
                    Thread.sleep(50);
                } while (scheduler.running() > 0 || scheduler.openTicks() > 0);
            }
            runtime.metastore()
                    .backfills()
                    .create(new Backfill(
                            "bf-pending",
                            "good",
                            LocalDate.of(2025, 1, 1),
                            LocalDate.of(2025, 1, 1),
                            "day",
                            "a pending backfill",
                            Backfill.Status.RUNNING,
                            clock.instant(),
                            Optional.empty(),
                            List.of(BackfillChunk.pending(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2))),
                            List.of()));
            String text = scrape(endpoint.port());
            List<RunRecord> runs = runtime.metastore().recentRuns(Optional.empty(), 100);
            long goodSuccesses = runs.stream()
                    .filter(r -> r.pipelineName().equals("good") && r.status() == RunStatus.SUCCESS)
                    .count();
            long badFailures = runs.stream()
                    .filter(r -> r.pipelineName().equals("bad") && r.status() == RunStatus.FAILED)
                    .count();
            long goodLoaded = runs.stream()
                    .filter(r -> r.pipelineName().equals("good"))
                    .mapToLong(RunRecord::rowsLoaded)
                    .sum();
            assertThat(goodSuccesses).isEqualTo(2);
            assertThat(badFailures).isEqualTo(2);
            assertThat(text)
                    .contains("weir_runs_total{pipeline=\"good\",status=\"success\"} " + goodSuccesses + ".0")
                    .contains("weir_runs_total{pipeline=\"bad\",status=\"failed\"} " + badFailures + ".0")
                    .contains("weir_rows_total{kind=\"loaded\",pipeline=\"good\"} " + goodLoaded + ".0")
                    .contains("weir_check_failures_total{check=\"volume\",severity=\"P2\"} 2.0")
                    .contains("weir_run_duration_seconds_count{pipeline=\"good\"} 2")
                    .contains("weir_run_duration_seconds_bucket{pipeline=\"good\",le=")
                    .contains("weir_table_age_seconds{table=\"bronze.good\"}")
                    .contains("weir_scheduler_queue_length 0.0")
                    .contains("weir_scheduler_lease_held 1.0")
                    .contains("weir_scheduler_pass_seconds_count")
                    .contains("weir_backfill_queue_length "
                            + runtime.metastore().backfills().pending(Optional.empty()) + ".0")
                    .contains("weir_backfill_queue_length 1.0");
        }
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return response.body();
    }

    private void write(String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent() == null ? project : path.getParent());
        Files.writeString(path, text);
    }
}
