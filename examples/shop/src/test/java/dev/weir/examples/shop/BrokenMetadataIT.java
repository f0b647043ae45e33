package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.HasTableOperations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table whose current metadata file is corrupt or gone fails, at once and in one line, only the
 * pipelines and commands that need it; {@code weir table repair} makes the newest readable earlier
 * metadata file current, and the next run reloads what that lost: the tables converge on those of
 * an uninterrupted run.
 */
class BrokenMetadataIT {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Map<String, String> uninterrupted;

    @BeforeAll
    static void runTheDemoWithoutInterruption() {
        DemoProject reference = DemoProject.copyInto(shared.resolve("reference"));
        Weir.run(reference.root(), "run");
        Weir.run(reference.addSecondBatch().root(), "run");
        try (Lakehouse lake = new Lakehouse(reference.root())) {
            uninterrupted = lake.digests();
        }
        assertThat(uninterrupted).hasSize(7);
    }

    @Test
    void corruptMetadataFailsOnlyItsPipelineAtOnceAndRepairBringsTheTableBack() throws IOException {
        DemoProject demo = loadedTwice();
        Path metadata = currentMetadata(demo, "silver.customers");
        Files.writeString(metadata, "{\"format-version\": 2, \"table-uuid\": \"trunc");
        String broken = "Cannot read table silver.customers: its metadata file " + metadata + " is corrupt";

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAILED  silver_customers ")
                .contains(
                        "SKIPPED silver_orders          not run: upstream pipeline 'silver_customers' did not succeed")
                .contains("SKIPPED gold_daily_revenue ")
                .contains("SUCCESS bronze_orders ")
                .contains("SUCCESS bronze_customers ")
                .contains("SUCCESS bronze_products ")
                .contains("SUCCESS silver_products ");
        assertThat(run.err().lines())
                .as(run.toString())
                .containsExactly(
                        "  error in silver_customers (stage start): " + broken
                                + " (Unexpected end-of-input in VALUE_STRING)",
                        "  hint: run `weir table repair silver.customers` to make its newest readable earlier metadata"
                                + " file current");
        assertFailedAtOnce(demo, "silver_customers");
        assertUnreadableIn(demo, "silver.customers", broken, "silver.orders");

        Weir.Result dryRun = Weir.run(demo.root(), "table", "repair", "silver.customers");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(1);
        assertThat(dryRun.out())
                .containsPattern(metadata.getFileName() + " +current +unreadable: corrupt")
                .contains("Would be lost: 1 snapshot (run ")
                .containsPattern(
                        "The watermark of silver_customers goes back from 2024-\\S+ \\S+ to 2024-\\S+ \\S+: its next run");
        assertThat(dryRun.err()).contains("Nothing changed: rerun with --yes to repair silver.customers");

        Weir.Result repair = Weir.run(demo.root(), "table", "repair", "silver.customers", "--yes");

        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("Repaired silver.customers: ");
        assertConvergesAfterTheNextRun(demo, "silver_customers", Set.of(metadata.toString()));
    }

    @Test
    void deletedMetadataFailsItsPipelineAndItsDownstreamAtOnceAndRepairBringsTheTableBack() throws IOException {
        DemoProject demo = loadedTwice();
        Path metadata = currentMetadata(demo, "bronze.orders");
        Files.delete(metadata);
        String broken = "Cannot read table bronze.orders: its metadata file " + metadata + " does not exist";

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAILED  bronze_orders ")
                .contains("SKIPPED silver_orders          not run: upstream pipeline 'bronze_orders' did not succeed")
                .contains("SKIPPED gold_daily_revenue ")
                .contains("SUCCESS bronze_customers ")
                .contains("SUCCESS silver_customers ")
                .contains("SUCCESS silver_products ");
        assertThat(run.err().lines())
                .as(run.toString())
                .containsExactly(
                        "  error in bronze_orders (stage start): " + broken,
                        "  hint: run `weir table repair bronze.orders` to make its newest readable earlier metadata"
                                + " file current");
        assertFailedAtOnce(demo, "bronze_orders");
        assertUnreadableIn(demo, "bronze.orders", broken, "silver.customers");

        Weir.Result repair = Weir.run(demo.root(), "table", "repair", "bronze.orders", "--yes");

        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out())
                .containsPattern(metadata.getFileName() + " +current +unreadable: missing")
                .contains("Would be lost: 1 snapshot (run ")
                .contains(
                        "The watermark of bronze_orders goes back from files:7 to files:6: its next run loads that data again.")
                .contains("Repaired bronze.orders: ");
        assertConvergesAfterTheNextRun(demo, "bronze_orders", Set.of());
    }

    @Test
    void repairWithoutAReadableEarlierMetadataFileSaysSoAndChangesNothing() throws IOException {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run", "bronze_products").exitCode()).isZero();
        assertThat(Weir.run(demo.addSecondBatch().root(), "run", "bronze_products")
                        .exitCode())
                .isZero();
        Path metadata = currentMetadata(demo, "bronze.products");
        String previous;
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            previous = ((HasTableOperations) iceberg.table("bronze.products"))
                    .operations()
                    .current()
                    .previousFiles()
                    .get(0)
                    .file();
        }
        Files.writeString(metadata, "");
        Files.writeString(Path.of(previous), "not json");

        Weir.Result repair = Weir.run(demo.root(), "table", "repair", "bronze.products", "--yes");

        assertThat(repair.exitCode()).as(repair.toString()).isEqualTo(1);
        assertThat(repair.err())
                .contains("error: Cannot repair table bronze.products: no earlier metadata file in its metadata log"
                        + " is readable")
                .contains("hint: ");
        assertThat(Files.readString(metadata)).isEmpty();
    }

    private DemoProject loadedTwice() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        assertThat(Weir.run(demo.addSecondBatch().root(), "run").exitCode()).isZero();
        return demo;
    }

    private static Path currentMetadata(DemoProject demo, String table) {
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            return Path.of(((HasTableOperations) iceberg.table(table))
                    .operations()
                    .current()
                    .metadataFileLocation());
        }
    }

    /** The pipeline's failed run took well under the ~90 s that retrying the read as a commit conflict took. */
    private static void assertFailedAtOnce(DemoProject demo, String pipeline) {
        List<JsonNode> failed = demo.runRecords().stream()
                .filter(r -> r.path("pipeline_name").asText().equals(pipeline))
                .filter(r -> r.path("status").asText().equals("failed"))
                .toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("duration_seconds").asDouble()).isLessThan(5.0);
    }

    /** Commands on other tables work; on the broken one they fail in one line with the hint. */
    private static void assertUnreadableIn(DemoProject demo, String table, String broken, String healthy) {
        String hint = "hint: run `weir table repair " + table + "`";
        Weir.Result history = Weir.run(demo.root(), "table", "history", table);
        assertThat(history.exitCode()).as(history.toString()).isEqualTo(1);
        assertThat(history.err()).startsWith("error: " + broken).contains(hint);
        assertThat(history.err().lines()).hasSize(2);

        Weir.Result otherHistory = Weir.run(demo.root(), "table", "history", healthy);
        assertThat(otherHistory.exitCode()).as(otherHistory.toString()).isZero();

        Weir.Result query = Weir.run(demo.root(), "query", "SELECT count(*) AS n FROM " + table);
        assertThat(query.exitCode()).as(query.toString()).isEqualTo(1);
        assertThat(query.err()).startsWith("error: " + broken).contains(hint);
        assertThat(query.err().lines()).hasSize(2);

        Weir.Result otherQuery = Weir.run(demo.root(), "query", "SELECT count(*) AS n FROM " + healthy);
        assertThat(otherQuery.exitCode()).as(otherQuery.toString()).isZero();

        Weir.Result list = Weir.run(demo.root(), "table", "list");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(1);
        assertThat(list.out()).containsPattern(healthy.replace(".", "\\.") + " +\\d+ +\\d+");
        assertThat(list.out()).containsPattern(table.replace(".", "\\.") + " +unreadable");
        assertThat(list.err()).startsWith("error: " + broken).contains(hint);

        Weir.Result doctor = Weir.run(demo.root(), "doctor");
        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(1);
        assertThat(doctor.out())
                .contains("PROBLEM " + broken.replace("Cannot read table ", "table "))
                .contains("; repair: weir table repair " + table + "\n")
                .contains("(catalog and metastore): integrity check passed")
                .contains("1 problem found.");
        // every table's checks run; those of the unreadable one are errors that say why
        Weir.Result test = Weir.run(demo.root(), "test");
        assertThat(test.out()).containsPattern("(?m)^" + healthy.replace(".", "\\.") + " .* passed");
        if (table.startsWith("silver.")) {
            assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
            assertThat(test.out()).containsPattern("(?m)^" + table.replace(".", "\\.") + " .* error ");
        }
        for (Weir.Result result : List.of(history, query, list, doctor, test)) {
            assertThat(result.err()).doesNotContain("\tat ", "internal error", "Exception");
        }
    }

    /**
     * After the next run the tables equal those of an uninterrupted run; what the repair leaves
     * behind is the data files of the snapshot it dropped, and the unreadable metadata file.
     */
    private void assertConvergesAfterTheNextRun(DemoProject demo, String pipeline, Set<String> brokenMetadata)
            throws IOException {
        Weir.Result doctor = Weir.run(demo.root(), "doctor");
        assertThat(doctor.exitCode()).as(doctor.toString()).isZero();

        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).containsPattern("SUCCESS " + pipeline + " +extracted [1-9]");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digests()).isEqualTo(uninterrupted);
        }
        String lostRun = demo.runRecords().stream()
                .filter(r -> r.path("pipeline_name").asText().equals(pipeline))
                .filter(r -> r.path("status").asText().equals("success"))
                .map(r -> r.path("run_id").asText())
                .toList()
                .get(1);
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            for (String table : uninterrupted.keySet()) {
                Set<String> stray = new HashSet<>(iceberg.dataFilesOnDisk(table));
                stray.removeAll(iceberg.referencedFiles(table));
                assertThat(stray)
                        .as("stray files of " + table)
                        .allSatisfy(
                                file -> assertThat(Path.of(file).getFileName().toString())
                                        .startsWith(lostRun + "-"));
            }
        }
        for (String file : brokenMetadata) {
            assertThat(Path.of(file)).exists();
        }
    }
}
