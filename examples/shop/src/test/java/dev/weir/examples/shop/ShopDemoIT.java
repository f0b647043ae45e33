package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo lakehouse through the real command line: first batch, second batch, reruns. */
class ShopDemoIT {
    private static final List<String> RUN_LOG_FIELDS = List.of(
            "pipeline_name",
            "run_id",
            "started_at",
            "completed_at",
            "status",
            "stage",
            "rows_extracted",
            "rows_transformed",
            "rows_loaded",
            "rows_rejected",
            "quality_checks_passed",
            "quality_checks_failed",
            "duration_seconds",
            "error_message",
            "watermark_before",
            "watermark_after");

    @TempDir
    Path dir;

    @Test
    void firstBatchLoadsBronzeSilverAndGold() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SUCCESS gold_daily_revenue");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("bronze.orders")).isEqualTo(240);
            assertThat(lake.count("bronze.customers")).isEqualTo(20);
            assertThat(lake.count("bronze.products")).isEqualTo(12);
            assertThat(lake.count("silver.orders")).isEqualTo(240);
            assertThat(lake.count("silver.customers")).isEqualTo(20);
            assertThat(lake.count("silver.products")).isEqualTo(12);
            assertThat(lake.value("SELECT count(DISTINCT order_date) FROM gold.daily_revenue"))
                    .isEqualTo("6");
            assertThat(lake.value("SELECT count(*) FROM silver.orders WHERE status <> lower(trim(status))"))
                    .isEqualTo("0");
            assertRevenueMatchesSilver(lake);
        }
    }

    @Test
    void secondBatchLoadsOnlyNewFilesAndUpsertsChangedRows() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();

        Weir.Result second = Weir.run(demo.addSecondBatch().root(), "run");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("SUCCESS bronze_orders          extracted 61, loaded 61");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("bronze.orders")).isEqualTo(301);
            assertThat(lake.count("silver.orders")).isEqualTo(280);
            assertThat(lake.value(
                            "SELECT count(*) FROM (SELECT order_id FROM silver.orders GROUP BY 1 HAVING count(*) > 1)"))
                    .isEqualTo("0");
            assertThat(lake.value("SELECT count(*) FROM silver.orders WHERE status IN ('cancelled', 'returned')"))
                    .isEqualTo("6");
            assertThat(lake.count("silver.customers")).isEqualTo(22);
            assertThat(lake.value("SELECT email FROM silver.customers WHERE customer_id = 105"))
                    .isEqualTo("knuth@taocp.example.com");
            assertThat(lake.count("silver.products")).isEqualTo(13);
            assertThat(lake.value("SELECT CAST(unit_price AS VARCHAR) FROM silver.products WHERE product_id = 3"))
                    .isEqualTo("19.50");
            assertThat(lake.value("SELECT count(DISTINCT order_date) FROM gold.daily_revenue"))
                    .isEqualTo("7");
            assertRevenueMatchesSilver(lake);
        }
    }

    @Test
    void runWithNothingNewCommitsNothingAndReportsZeroRows() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        Map<String, Integer> snapshotsBefore = snapshotCounts(demo);

        Weir.Result again = Weir.run(demo.root(), "run");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out().lines().filter(l -> l.startsWith("SUCCESS")))
                .hasSize(7)
                .allSatisfy(l -> assertThat(l).contains("extracted 0, loaded 0, rejected 0; wrote 0 rows"));
        assertThat(snapshotCounts(demo)).isEqualTo(snapshotsBefore);
    }

    @Test
    void runningTheDemoTwiceLeavesIdenticalTables() {
        DemoProject once = DemoProject.copyInto(dir.resolve("once"));
        DemoProject twice = DemoProject.copyInto(dir.resolve("twice"));
        Weir.run(once.root(), "run");
        Weir.run(once.addSecondBatch().root(), "run");
        for (int i = 0; i < 2; i++) {
            Weir.run(twice.root(), "run");
        }
        twice.addSecondBatch();
        for (int i = 0; i < 2; i++) {
            assertThat(Weir.run(twice.root(), "run").exitCode()).isZero();
        }

        assertThat(digests(twice)).hasSize(7).isEqualTo(digests(once));
    }

    @Test
    void everyRunAppendsOneRecordWithTheSeedFieldsAndBalancedCounts() throws IOException {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Weir.run(demo.root(), "run");
        Weir.run(demo.addSecondBatch().root(), "run");

        List<JsonNode> records = demo.runRecords();

        assertThat(records).hasSize(14).allSatisfy(r -> {
            List<String> fields = new ArrayList<>();
            r.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyElementsOf(RUN_LOG_FIELDS);
            assertThat(r.get("status").asText()).isEqualTo("success");
            assertThat(r.get("rows_extracted").asLong())
                    .isEqualTo(r.get("rows_loaded").asLong()
                            + r.get("rows_rejected").asLong());
        });
        JsonNode secondSilverOrders = records.stream()
                .filter(r -> r.get("pipeline_name").asText().equals("silver_orders"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(secondSilverOrders.get("watermark_before").asText()).isEqualTo("2024-03-06 20:34:00");
        assertThat(secondSilverOrders.get("watermark_after").asText()).isEqualTo("2024-03-07 22:00:00");
        assertThat(secondSilverOrders.get("rows_extracted").asLong()).isEqualTo(61);
    }

    @Test
    void runsQueryAndTableHistoryShowWhatWasLoaded() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Weir.run(demo.root(), "run");

        Weir.Result runs = Weir.run(demo.root(), "runs");
        Weir.Result query = Weir.run(demo.root(), "query", "SELECT count(*) AS n FROM silver.orders");
        Weir.Result history = Weir.run(demo.root(), "table", "history", "silver.orders");

        assertThat(runs.exitCode()).isZero();
        assertThat(runs.out().lines().filter(l -> l.contains(" success "))).hasSize(7);
        assertThat(query.exitCode()).isZero();
        assertThat(query.out()).contains("240").contains("(1 rows)");
        assertThat(history.exitCode()).isZero();
        String silverRun = runs.out()
                .lines()
                .filter(l -> l.contains(" silver_orders "))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[2];
        assertThat(history.out()).contains(silverRun).contains("silver_orders").contains("2024-03-06 20:34:00");
    }

    private static void assertRevenueMatchesSilver(Lakehouse lake) {
        String fromSilver = lake.value("SELECT CAST(sum(quantity * unit_price) AS DECIMAL(18, 2)) FROM silver.orders"
                + " WHERE status NOT IN ('cancelled', 'returned')");
        assertThat(lake.value("SELECT CAST(sum(revenue) AS DECIMAL(18, 2)) FROM gold.daily_revenue"))
                .isEqualTo(fromSilver);
    }

    private static Map<String, String> digests(DemoProject demo) {
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            return lake.digests();
        }
    }

    private static Map<String, Integer> snapshotCounts(DemoProject demo) {
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            lake.tables()
                    .forEach(t ->
                            counts.put(t.toString(), lake.history(t.toString()).size()));
            return counts;
        }
    }
}
