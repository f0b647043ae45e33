package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT stop {@code weir run} cleanly: the running pipeline is cancelled, publishes
 * nothing and is recorded as cancelled with its counts, the rest are skipped, the process exits
 * 143 or 130 with one line saying so, and a rerun leaves exactly the tables of an uninterrupted run.
 */
class StopSignalsIT {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static UninterruptedDemo uninterrupted;

    @BeforeAll
    static void runTheDemoWithoutInterruption() {
        uninterrupted = UninterruptedDemo.runIn(shared.resolve("reference"));
    }

    @Test
    void sigtermCancelsTheRunningPipelineWhichPublishesNothingAndTheRerunConverges() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();
        Map<String, String> before;
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            before = lake.digests();
        }
        Process run =
                Weir.start(demo.root(), Map.of("WEIR_FAIL_POINT", "after-extract@silver_orders:pause=60000"), "run");
        awaitStartOf(demo.root(), "silver_customers");

        run.destroy();

        assertThat(run.waitFor(60, TimeUnit.SECONDS))
                .as("the run stops within a minute")
                .isTrue();
        Weir.Result stopped = Weir.result(demo.root(), run);
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(143);
        assertThat(stopped.err())
                .contains("weir: stopped by SIGTERM: the running pipeline was cancelled and published nothing")
                .doesNotContain("\tat ");
        assertThat(stopped.out())
                .contains("SUCCESS bronze_orders")
                .contains("CANCELLED silver_orders")
                .contains("SKIPPED gold_daily_revenue");
        JsonNode cancelled = lastRecordOf(demo, "silver_orders");
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("rows_extracted").asLong()).isPositive();
        assertThat(cancelled.get("rows_extracted").asLong())
                .isEqualTo(cancelled.get("rows_loaded").asLong()
                        + cancelled.get("rows_rejected").asLong());
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digests().get("silver.orders")).isEqualTo(before.get("silver.orders"));
        }
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            iceberg.assertNoStrayFiles();
        }

        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).doesNotContain("process stopped");
        uninterrupted.assertConverged(demo);
    }

    @Test
    void aSignalWhileAPipelineCommitsLetsItPublishAndRecordItsRunThenSkipsTheRest() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();
        Path metadata = demo.root().resolve(".weir/warehouse/silver/orders/metadata");
        int versions = metadataVersions(metadata);
        Process run = Weir.start(
                demo.root(),
                Map.of("WEIR_FAIL_POINT", "after-commit-before-metastore@silver_orders:pause=8000"),
                "run");
        awaitMoreMetadataVersions(metadata, versions); // silver_orders committed: it pauses before the metastore

        run.destroy();

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Weir.Result stopped = Weir.result(demo.root(), run);
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(143);
        assertThat(stopped.out())
                .contains("SUCCESS silver_orders")
                .contains("SKIPPED silver_products")
                .contains("SKIPPED gold_daily_revenue");
        assertThat(stopped.err())
                .contains("weir: stopped by SIGTERM after silver_orders published")
                .doesNotContain("\tat ");
        JsonNode published = lastRecordOf(demo, "silver_orders");
        assertThat(published.get("status").asText()).isEqualTo("success");
        assertThat(published.get("rows_loaded").asLong()).isPositive();

        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("SUCCESS silver_orders          extracted 0");
        uninterrupted.assertConverged(demo);
    }

    @Test
    void aSignalBetweenTheQuarantineAndTheDataCommitKeepsBothAndTheirCountsAgree() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        assertThat(Weir.run(demo.addSecondBatch().root(), "run").exitCode()).isZero();
        demo.addThirdBatch();
        Path quarantine = demo.root().resolve(".weir/warehouse/silver/orders__rejected/metadata");
        Process run = Weir.start(
                demo.root(),
                Map.of("WEIR_FAIL_POINT", "after-quarantine-before-commit@silver_orders:pause=8000"),
                "run");
        awaitMoreMetadataVersions(quarantine, 0);

        new ProcessBuilder("kill", "-INT", Long.toString(run.pid()))
                .inheritIO()
                .start()
                .waitFor();

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Weir.Result stopped = Weir.result(demo.root(), run);
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(130);
        assertThat(stopped.out()).contains("SUCCESS silver_orders          extracted 9, loaded 5, rejected 4");
        assertThat(stopped.err()).doesNotContain("\tat ");
        Map<String, String> stoppedTables;
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders__rejected")).isEqualTo(4);
            stoppedTables = lake.digests();
        }

        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();

        DemoProject reference = DemoProject.copyInto(dir.resolve("reference"));
        Weir.run(reference.root(), "run");
        Weir.run(reference.addSecondBatch().root(), "run");
        Weir.run(reference.addThirdBatch().root(), "run");
        try (Lakehouse lake = new Lakehouse(demo.root());
                Lakehouse expected = new Lakehouse(reference.root())) {
            Map<String, String> expectedTables = dataTables(expected.digests());
            assertThat(dataTables(lake.digests())).isEqualTo(expectedTables);
            assertThat(stoppedTables.get("silver.orders")).isEqualTo(expectedTables.get("silver.orders"));
            assertThat(lake.count("silver.orders__rejected")).isEqualTo(expected.count("silver.orders__rejected"));
        }
    }

    @Test
    void aStopSignalAtARandomMomentThenARerunLeavesTheUninterruptedTables() throws Exception {
        Random random = new Random(20261202);
        for (int trial = 0; trial < 4; trial++) {
            String signal = trial % 2 == 0 ? "INT" : "TERM";
            int stoppedCode = signal.equals("INT") ? 130 : 143;
            DemoProject demo = DemoProject.copyInto(dir.resolve("shop-" + trial));
            assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
            demo.addSecondBatch();
            Process run = Weir.start(demo.root(), Map.of(), "run");
            awaitFirstLine(demo.root()); // the signal handlers are installed by then
            Thread.sleep(random.nextInt(2_500));

            new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();

            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Weir.Result stopped = Weir.result(demo.root(), run);
            String what = "SIG" + signal + " in trial " + trial + ": " + stopped;
            assertThat(stopped.exitCode()).as(what).isIn(0, stoppedCode);
            assertThat(stopped.err()).as(what).doesNotContain("\tat ");
            if (stopped.exitCode() == stoppedCode) {
                assertThat(stopped.err()).as(what).contains("weir: stopped by SIG" + signal);
                assertThat(stopped.out()).as(what).containsAnyOf("CANCELLED", "SKIPPED");
            }
            for (JsonNode record : demo.runRecords()) {
                assertThat(record.get("rows_extracted").asLong())
                        .as(what)
                        .isEqualTo(record.get("rows_loaded").asLong()
                                + record.get("rows_rejected").asLong());
            }
            Weir.Result rerun = Weir.run(demo.root(), "run");

            assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
            uninterrupted.assertConverged(demo);
        }
    }

    /** The digests of the tables pipelines load, without the quarantines (whose rows name their run). */
    private static Map<String, String> dataTables(Map<String, String> digests) {
        Map<String, String> data = new TreeMap<>(digests);
        data.keySet().removeIf(table -> table.endsWith("__rejected"));
        return data;
    }

    private static int metadataVersions(Path metadata) throws Exception {
        if (!Files.isDirectory(metadata)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(metadata)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".metadata.json"))
                    .count();
        }
    }

    /** Waits until a table's metadata directory holds more versions than {@code before}, then a moment more. */
    private static void awaitMoreMetadataVersions(Path metadata, int before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (metadataVersions(metadata) <= before) {
            assertThat(System.nanoTime()).as("a commit to " + metadata).isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(500);
    }

    private static void awaitFirstLine(Path project) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Weir.outSoFar(project).isEmpty()) {
            assertThat(System.nanoTime()).as("a first pipeline finished").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits until the pipeline run before {@code pipeline} has printed its line, then a moment more. */
    private static void awaitStartOf(Path project, String previous) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Weir.outSoFar(project).contains("SUCCESS " + previous)) {
            assertThat(System.nanoTime()).as(previous + " finished").isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // into the pause after the next pipeline's extract
    }

    private static JsonNode lastRecordOf(DemoProject demo, String pipeline) {
        List<JsonNode> records = demo.runRecords().stream()
                .filter(r -> r.get("pipeline_name").asText().equals(pipeline))
                .toList();
        return records.get(records.size() - 1);
    }
}
