package dev.weir.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.FailPoints;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunListener;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.StageEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project opened through the runtime, in this JVM: its runs, their events, and a cancelled run. */
class WeirRuntimeIT {
    private static final TableId ORDERS = TableId.parse("bronze.orders");

    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        write("weir.yaml", "name: shop\n");
        write("data/orders.csv", "order_id,amount\n1,10.50\n2,3.25\n3,7.00\n");
        write("pipelines/bronze_orders.yaml", """
                pipeline: {name: bronze_orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full,
                          columns: {order_id: BIGINT, amount: "DECIMAL(10,2)"}}
                transform:
                  stages:
                    - {name: kept, sql: "SELECT * FROM source WHERE amount > 0"}
                load: {target: bronze.orders, strategy: truncate-reload}
                """);
    }

    @Test
    void listenersSeeEachRunStartItsStagesItsCommitAndItsEnd() {
        List<String> events = new CopyOnWriteArrayList<>();
        RunListener recorder = new RunListener() {
            @Override
            public void runStarted(RunRecord run) {
                events.add("started " + run.pipelineName());
            }

            @Override
            public void stageStarted(String runId, String stage) {
                events.add("begin " + stage);
            }

            @Override
            public void stageFinished(StageEvent stage) {
                events.add("end " + stage.stage() + " " + stage.rows());
            }

            @Override
            public void committed(String runId, String table, long snapshotId) {
                events.add("committed " + table);
            }

            @Override
            public void runFinished(PipelineResult result) {
                events.add("finished " + result.record().status().wireName() + " "
                        + result.record().rowsLoaded());
            }
        };

        try (WeirRuntime runtime =
                WeirRuntime.options(project).listener(recorder).open()) {
            runtime.run(List.of());
        }

        assertThat(events)
                .containsExactly(
                        "started bronze_orders",
                        "begin extract",
                        "end extract 3",
                        "begin transform:kept",
                        "end transform:kept 3",
                        "begin load",
                        "end load 3",
                        "begin commit",
                        "end commit 3",
                        "committed bronze.orders",
                        "finished success 3");
    }

    @Test
    void anInterruptedRunIsCancelledPublishesNothingAndTheNextRunLoadsTheBatch() throws Exception {
        CountDownLatch extracted = new CountDownLatch(1);
        RunListener onExtract = new RunListener() {
            @Override
            public void stageFinished(StageEvent stage) {
                if (stage.stage().equals("extract")) {
                    extracted.countDown();
                }
            }
        };
        AtomicReference<List<PipelineResult>> results = new AtomicReference<>();
        try (WeirRuntime runtime = WeirRuntime.options(project)
                .listener(onExtract)
                .failPoints(new FailPoints(Optional.of("after-extract:pause=60000")))
                .open()) {
            Thread run = new Thread(() -> results.set(runtime.run(List.of())));
            run.start();
            assertThat(extracted.await(60, TimeUnit.SECONDS)).isTrue();
            run.interrupt();
            run.join(TimeUnit.SECONDS.toMillis(60));

            assertThat(run.isAlive()).isFalse();
            RunRecord cancelled = results.get().get(0).record();
            assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(cancelled.errorMessage())
                    .hasValueSatisfying(m -> assertThat(m).startsWith("Run cancelled"));
            assertThat(cancelled.rowsExtracted()).isEqualTo(cancelled.rowsLoaded() + cancelled.rowsRejected());
            assertThat(runtime.tables().load(ORDERS)).isEmpty();
            assertThat(runtime.metastore().runningRuns("bronze_orders")).isEmpty();
        }
        assertThat(filesUnder(project.resolve(".weir/warehouse"))).isEmpty();
        assertThat(filesUnder(project.resolve(".weir/tmp"))).isEmpty();

        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            RunRecord rerun = runtime.run(List.of()).get(0).record();

            assertThat(rerun.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(rerun.rowsLoaded()).isEqualTo(3);
            assertThat(runtime.tables().load(ORDERS).orElseThrow().snapshotId()).isPresent();
        }
    }

    @Test
    void cancellingARunStopsTheStatementItIsRunning() throws Exception {
        write("pipelines/slow_orders.yaml", """
                pipeline: {name: slow_orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                transform:
                  stages:
                    - name: slow
                      sql: "SELECT a.range AS id, sum(b.range) AS total FROM range(200000) a, range(200000) b GROUP BY 1"
                load: {target: bronze.slow_orders, strategy: truncate-reload}
                """);
        CountDownLatch slowStageStarted = new CountDownLatch(1);
        RunListener onSlowStage = new RunListener() {
            @Override
            public void stageStarted(String runId, String stage) {
                if (stage.equals("transform:slow")) {
                    slowStageStarted.countDown();
                }
            }
        };
        AtomicReference<List<PipelineResult>> results = new AtomicReference<>();
        try (WeirRuntime runtime =
                WeirRuntime.options(project).listener(onSlowStage).open()) {
            Thread run = new Thread(() -> results.set(runtime.run(List.of("slow_orders"))));
            run.start();
            assertThat(slowStageStarted.await(60, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500);
            run.interrupt();
            run.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(run.isAlive())
                    .as("the run still goes on 30 s after its cancellation")
                    .isFalse();
            RunRecord cancelled = results.get().get(0).record();
            assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(cancelled.stage()).isEqualTo("transform");
            assertThat(runtime.tables().load(TableId.parse("bronze.slow_orders")))
                    .isEmpty();
        }
    }

    @Test
    void aPipelineWhoseInputDoesNotExistYetNamesThePipelineToRunFirst() throws IOException {
        write("pipelines/silver_orders.yaml", """
                pipeline: {name: silver_orders}
                extract: {source_system: weir, connection: bronze.orders, strategy: full}
                load: {target: silver.orders, strategy: truncate-reload}
                """);
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            PipelineResult alone = runtime.run(List.of("silver_orders")).get(0);

            assertThat(alone.record().status()).isEqualTo(RunStatus.FAILED);
            assertThat(alone.failure().orElseThrow().render())
                    .isEqualTo("Cannot run silver_orders: its input bronze.orders does not exist yet"
                            + System.lineSeparator()
                            + "hint: run pipeline 'bronze_orders' first, or run `weir run +silver_orders` to run it with"
                            + " everything it depends on");

            List<PipelineResult> withUpstream = runtime.run(List.of("+silver_orders"));

            assertThat(withUpstream)
                    .extracting(r -> r.record().pipelineName() + " "
                            + r.record().status().wireName())
                    .containsExactly("bronze_orders success", "silver_orders success");
        }
    }

    @Test
    void failPointsInTheEnvironmentArmNothingInARuntime() {
        try (WeirRuntime runtime = WeirRuntime.options(project)
                .environment(name -> name.equals("WEIR_FAIL_POINT") ? Optional.of("after-extract") : Optional.empty())
                .open()) {
            assertThat(runtime.run(List.of()).get(0).record().status()).isEqualTo(RunStatus.SUCCESS);
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
