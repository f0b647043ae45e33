package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code weir run} killed at any point, then run again, leaves exactly the tables of an
 * uninterrupted run: no duplicates, no lost rows, no files of the killed run left behind.
 */
class CrashRecoveryIT {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static UninterruptedDemo uninterrupted;

    @BeforeAll
    static void runTheDemoWithoutInterruption() {
        uninterrupted = UninterruptedDemo.runIn(shared.resolve("reference"));
    }

    @ParameterizedTest(name = "killed at {0} in {1}")
    @CsvSource({
        "after-extract, bronze_orders",
        "after-write-before-commit, bronze_orders",
        "after-commit-before-metastore, bronze_orders",
        "after-extract, silver_orders",
        "after-write-before-commit, silver_orders",
        "after-commit-before-metastore, silver_orders",
        "after-write-before-commit, gold_daily_revenue",
        "after-commit-before-metastore, gold_daily_revenue",
    })
    void rerunAfterAKillConvergesOnTheUninterruptedTables(String failPoint, String pipeline) {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();

        Weir.Result killed = Weir.run(demo.root(), Map.of("WEIR_FAIL_POINT", failPoint + "@" + pipeline), "run");
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        uninterrupted.assertConverged(demo);
        Weir.Result runs = Weir.run(demo.root(), "runs", pipeline);
        assertThat(runs.out())
                .contains(
                        failPoint.equals("after-commit-before-metastore")
                                ? "process stopped after its commit"
                                : "process stopped before its commit");
    }

    @Test
    void aRunKilledBetweenItsRunLogLineAndItsMetastoreRecordIsRecordedAlikeInBoth() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();

        Weir.Result killed =
                Weir.run(demo.root(), Map.of("WEIR_FAIL_POINT", "after-log-before-metastore@silver_orders"), "run");
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        JsonNode logged = demo.runRecords().get(demo.runRecords().size() - 1);
        assertThat(logged.get("pipeline_name").asText()).isEqualTo("silver_orders");
        assertThat(logged.get("status").asText()).isEqualTo("success");
        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        uninterrupted.assertConverged(demo);
        List<String> runIds =
                demo.runRecords().stream().map(r -> r.get("run_id").asText()).toList();
        assertThat(runIds).as("one line per run in runs.jsonl").doesNotHaveDuplicates();
        String runs = Weir.run(demo.root(), "runs", "silver_orders").out();
        assertThat(runs.lines().filter(l -> l.contains(logged.get("run_id").asText())))
                .as("the metastore has the logged record")
                .singleElement()
                .satisfies(line -> assertThat(line).contains(" success ").doesNotContain("process stopped"));
    }

    @Test
    void killedFirstLoadLeavesNoTableAndNoFilesAndTheRerunConverges() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));

        Weir.Result killed =
                Weir.run(demo.root(), Map.of("WEIR_FAIL_POINT", "after-write-before-commit@bronze_orders"), "run");
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.tables()).extracting(Object::toString).doesNotContain("bronze.orders");
        }
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        Weir.Result second = Weir.run(demo.addSecondBatch().root(), "run");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        uninterrupted.assertConverged(demo);
    }

    @Test
    void rerunAfterSigkillAtAnArbitraryMomentConverges() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();

        Process run = Weir.start(demo.root(), Map.of(), "run");
        Thread.sleep(1_500);
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        uninterrupted.assertConverged(demo);
    }

    @Test
    void compactionKilledBeforeItsCommitChangesNoRowAndTheNextCompactionCleansUp() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        assertThat(Weir.run(demo.addSecondBatch().root(), "run").exitCode()).isZero();

        Weir.Result killed = Weir.run(
                demo.root(), Map.of("WEIR_FAIL_POINT", "compact-before-commit"), "table", "compact", "silver.orders");
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digests()).isEqualTo(uninterrupted.digests());
        }
        Weir.Result again = Weir.run(demo.root(), "table", "compact", "silver.orders");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith("Compacted silver.orders:");
        uninterrupted.assertConverged(demo);
    }

    @Test
    void followedRunKilledDuringItsCompactionChangesNoRowAndTheNextCompactionCleansUp() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();

        Weir.Result killed = Weir.run(
                demo.root(),
                Map.of("WEIR_FAIL_POINT", "compact-before-commit@silver_orders"),
                "run",
                "--follow",
                "--compact-after",
                "1");

        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        assertThat(killed.out())
                .as("the batch was committed before the compaction")
                .contains("SUCCESS silver_orders");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digests()).isEqualTo(uninterrupted.digests());
        }
        Weir.Result again = Weir.run(demo.root(), "table", "compact", "silver.orders");
        assertThat(again.out()).as(again.toString()).startsWith("Compacted silver.orders:");
        uninterrupted.assertConverged(demo);
    }
}
