package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contracts, quality gates, the quarantine and the error strategies, through the CLI on the demo:
 * bad data never reaches a published table, every rejected row is kept with its reason, and
 * {@code rows_extracted = rows_loaded + rows_rejected} holds in every run.
 */
class QualityGatesIT {
    private static final String SILVER_ORDERS_REJECTS = String.join(
            "\n",
            "range(quantity)     quantity = -2 is outside [1, 1000]",
            "enum(status)        status = lost is not one of [placed, paid, shipped, cancelled, returned]",
            "not_null(quantity)  quantity is NULL",
            "range(unit_price)   unit_price = 0.00 is outside [0.01, 10000]");

    @TempDir
    Path dir;

    @Test
    void thirdBatchQuarantinesContractViolationsAndLoadsTheRest() throws IOException {
        DemoProject demo = loadedTwice().addThirdBatch();

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("SUCCESS silver_orders          extracted 9, loaded 5, rejected 4; checks 11/15 passed;")
                .contains("SUCCESS silver_customers       extracted 2, loaded 1, rejected 1; checks 7/8 passed;");
        assertThat(run.err())
                .contains("ALERT [P1] rows_quarantined silver_orders run ")
                .contains("4 rows quarantined in silver.orders__rejected; see weir rejects silver.orders");
        Weir.Result rejects = Weir.run(demo.root(), "rejects", "silver.orders");
        assertThat(rejects.out())
                .contains("(4 of 4 rejected rows)")
                .contains("bronze.orders order_id=5282")
                .contains("{\"order_id\":5284,\"customer_id\":112,\"product_id\":6,\"quantity\":null,");
        for (String line : SILVER_ORDERS_REJECTS.split("\n")) {
            assertThat(rejects.out()).contains(line);
        }
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(284);
            assertThat(lake.count("silver.customers")).isEqualTo(23);
            assertThat(lake.value("SELECT count(*) FROM silver.orders WHERE order_id IN (5282, 5283, 5284, 5286)"))
                    .isEqualTo("0");
            assertThat(lake.value("SELECT status FROM silver.orders WHERE order_id = 5243"))
                    .isEqualTo("shipped");
        }
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            assertThat(iceberg.rows("silver.orders__rejected")).hasSize(4);
            assertThat(iceberg.rows("silver.customers__rejected"))
                    .extracting(r -> r.get(4))
                    .containsExactly("email = edsger-at-tue.example.nl does not match [^@\\s]+@[^@\\s]+\\.[a-z]+");
        }
        assertCountsAddUp(demo);

        Weir.Result again = Weir.run(demo.root(), "run");
        assertThat(again.exitCode()).isZero();
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders__rejected"))
                    .as("a rerun quarantines nothing twice")
                    .isEqualTo(4);
        }
    }

    @Test
    void correctedRowsSentAgainLoadExactlyOnce() {
        DemoProject demo = loadedTwice().addThirdBatch();
        Weir.run(demo.root(), "run");

        demo.write("data/orders/b3-orders-2024-03-08-fixed.csv", """
                order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at
                5282,108,8,2,8.87,placed,2024-03-08,2024-03-08 15:05:00
                5283,110,5,1,45.24,placed,2024-03-08,2024-03-08 15:30:00
                5284,112,6,2,41.90,placed,2024-03-08,2024-03-08 16:02:00
                5286,115,7,1,27.63,placed,2024-03-08,2024-03-08 16:20:00
                """);
        Weir.Result fixed = Weir.run(demo.root(), "run");
        Weir.Result again = Weir.run(demo.root(), "run");

        assertThat(fixed.out())
                .contains("SUCCESS silver_orders          extracted 4, loaded 4, rejected 0; checks 15/15 passed;");
        assertThat(again.out()).contains("SUCCESS silver_orders          extracted 0, loaded 0, rejected 0;");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(288);
            assertThat(lake.value("SELECT count(DISTINCT order_id) FROM silver.orders"))
                    .isEqualTo("288");
            assertThat(lake.count("silver.orders__rejected")).isEqualTo(4);
        }
        Weir.Result test = Weir.run(demo.root(), "test", "silver.orders");
        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.out()).contains("15 checks on 1 tables: 15 passed, 0 failed (0 blocking)");
    }

    @Test
    void failFastStopsTheLoadBeforeAnythingIsWrittenAndNamesTheChecks() {
        DemoProject demo = loadedTwice()
                .addThirdBatch()
                .edit("pipelines/silver_orders.yaml", "strategy: dead-letter", "strategy: fail-fast");
        String before = digest(demo, "silver.orders");

        Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders", "silver_orders");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("error in silver_orders (stage quality): Quality gate pre_load failed on the batch:"
                        + " 4 blocking checks failed: not_null(quantity) [P1] 1 of 9 rows fail (expected 0 rows);"
                        + " range(quantity) [P1] 1 of 9 rows fail (expected 0 rows); range(unit_price) [P1] 1 of 9 rows fail (expected 0 rows);"
                        + " enum(status) [P1] 1 of 9 rows fail (expected 0 rows)")
                .contains(
                        "hint: fix the source rows and rerun, or set error_handling.strategy: dead-letter to load the good rows and quarantine the rest")
                .contains("ALERT [P1] run_failed silver_orders");
        assertThat(run.out()).contains("FAILED  silver_orders          extracted 9, loaded 0, rejected 9;");
        assertThat(digest(demo, "silver.orders")).isEqualTo(before);
        assertFilesOnDiskAreReferenced(demo);
        Weir.Result checks = Weir.run(demo.root(), "checks", "silver_orders");
        assertThat(checks.out())
                .contains("pre_load  range(quantity)        P1        failed  yes       1 of 9 rows fail")
                .contains("\"quantity\":-2");
    }

    @Test
    void failedAuditLeavesThePublishedTableItsSnapshotAndItsFilesUntouched() {
        DemoProject demo = loadedOnce()
                .addSecondBatch()
                .edit(
                        "pipelines/gold_daily_revenue.yaml",
                        "- {type: volume, params: {min_rows: 1}}",
                        "- {type: volume, params: {min_rows: 1, max_rows: 20}}");
        long snapshot;
        String before;
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            snapshot = lake.history("gold.daily_revenue")
                    .get(lake.history("gold.daily_revenue").size() - 1)
                    .snapshotId();
            before = lake.digest("gold.daily_revenue");
        }

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "error in gold_daily_revenue (stage audit): Quality gate post_load failed on the table as this load"
                                + " would leave it; nothing was published: 1 blocking check failed: volume [P1] 21 rows (expected rows in [1, 20])");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            List<?> history = lake.history("gold.daily_revenue");
            assertThat(lake.history("gold.daily_revenue")
                            .get(history.size() - 1)
                            .snapshotId())
                    .isEqualTo(snapshot);
            assertThat(lake.digest("gold.daily_revenue")).isEqualTo(before);
        }
        assertFilesOnDiskAreReferenced(demo);
        assertCountsAddUp(demo);
    }

    @Test
    void p0RowCheckStopsTheRunEvenUnderDeadLetterAndQuarantinesNothing() {
        DemoProject demo = loadedTwice().addThirdBatch().edit("pipelines/silver_orders.yaml", "error_handling:", """
                quality_gates:
                  pre_load:
                    - {type: range, column: quantity, severity: P0, params: {min: 0}}
                error_handling:""");

        Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders", "silver_orders");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "Quality gate pre_load failed on the batch: 1 blocking check failed: range(quantity) [P0] 1 of 9 rows fail")
                .contains("ALERT [P0] run_failed silver_orders");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(280);
            assertThat(lake.tables()).extracting(Object::toString).doesNotContain("silver.orders__rejected");
        }
    }

    @Test
    void malformedCsvRecordsAreQuarantinedWithFileLineAndReasonUnderDeadLetter() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"))
                .edit("pipelines/bronze_orders.yaml", "load:", "error_handling: {strategy: dead-letter}\nload:");
        // ISO-8859-1 bytes: the a-umlaut of line 5 is not valid UTF-8
        byte[] bad = ("order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at\n"
                        + "9000,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:00:00\n"
                        + "9001,101,1,1,9.99,placed,2024-03-08\n"
                        + "9002,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:02:00,extra\n"
                        + "9003,101,1,1,9.99,pl\u00e4ced,2024-03-08,2024-03-08 09:03:00\n"
                        + "9004,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:04:00\n"
                        + "9005,\"101,1,1,9.99,placed,2024-03-08,2024-03-08 09:05:00\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        writeBytes(demo.root().resolve("data/orders/orders-2024-03-08.csv"), bad);

        Weir.Result run = Weir.run(demo.root(), "run");
        Weir.Result rejects = Weir.run(demo.root(), "rejects", "bronze.orders");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SUCCESS bronze_orders          extracted 246, loaded 242, rejected 4;");
        assertThat(rejects.out())
                .contains("(4 of 4 rejected rows)")
                .contains("malformed_record: the record has 7 values, the header has 8 columns")
                .contains("data/orders/orders-2024-03-08.csv:3")
                .contains("malformed_record: the record has 9 values, the header has 8 columns")
                .contains("data/orders/orders-2024-03-08.csv:4")
                .contains("bad_encoding: column 'status' holds bytes that are not valid text in the file's encoding")
                .contains("data/orders/orders-2024-03-08.csv:5")
                .contains(
                        "malformed_record: the record cannot be parsed (Missing closing quote for value); it runs to the end of the file")
                .contains("data/orders/orders-2024-03-08.csv:7")
                .contains("9001,101,1,1,9.99,placed,2024-03-08");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(
                            lake.value(
                                    "SELECT string_agg(order_id, ',' ORDER BY order_id) FROM bronze.orders WHERE order_id >= '9000'"))
                    .isEqualTo("9000,9004");
        }
        assertCountsAddUp(demo);
    }

    @Test
    void webhookReceivesEachAlertAsJson() throws IOException {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            DemoProject demo = loadedTwice()
                    .addThirdBatch()
                    .edit(
                            "pipelines/silver_orders.yaml",
                            "strategy: dead-letter",
                            "strategy: dead-letter\n  alert_channels: [log, \"" + url + "\"]");

            Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders", "silver_orders");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(received).hasSize(1);
            JsonNode alert = received.get(0);
            assertThat(alert.get("kind").asText()).isEqualTo("rows_quarantined");
            assertThat(alert.get("severity").asText()).isEqualTo("P1");
            assertThat(alert.get("pipeline").asText()).isEqualTo("silver_orders");
            assertThat(alert.get("table").asText()).isEqualTo("silver.orders");
            assertThat(alert.get("notification_channel").asText()).isEqualTo("#shop-data");
            assertThat(alert.get("title").asText())
                    .isEqualTo("4 rows quarantined in silver.orders__rejected; see weir rejects silver.orders");
            assertThat(alert.get("details")).extracting(JsonNode::asText).contains("range(quantity): 1 rows");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void retryRunsAgainAfterTransientFailuresOnly() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"))
                .edit(
                        "pipelines/bronze_orders.yaml",
                        "load:",
                        "error_handling: {strategy: retry, max_retries: 3, retry_delay_seconds: 0}\nload:");

        Weir.Result run = Weir.run(
                demo.root(),
                Map.of("WEIR_FAIL_POINT", "after-write-before-commit@bronze_orders:conflicts=2"),
                "run",
                "bronze_orders");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err())
                .contains("bronze_orders: attempt 1 failed with a transient error; retrying")
                .contains("bronze_orders: attempt 2 failed with a transient error; retrying");
        Weir.Result runs = Weir.run(demo.root(), "runs", "bronze_orders");
        assertThat(runs.out().lines().filter(l -> l.contains(" failed ")).count())
                .isEqualTo(2);
        assertThat(runs.out().lines().filter(l -> l.contains(" success ")).count())
                .isEqualTo(1);
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("bronze.orders")).isEqualTo(240);
        }
        assertFilesOnDiskAreReferenced(demo);

        DemoProject failing = loadedTwice()
                .addThirdBatch()
                .edit(
                        "pipelines/silver_orders.yaml",
                        "strategy: dead-letter",
                        "strategy: retry\n  retry_delay_seconds: 0");
        Weir.Result notTransient = Weir.run(failing.root(), "run", "bronze_orders", "silver_orders");
        assertThat(notTransient.exitCode()).isEqualTo(1);
        assertThat(notTransient.err()).doesNotContain("retrying");
    }

    @Test
    void skipAndAlertSkipsABatchThatFailsOnItsDataAndLoadsTheNextOne() {
        DemoProject demo = loadedTwice()
                .addThirdBatch()
                .edit("pipelines/silver_orders.yaml", "strategy: dead-letter", "strategy: skip-and-alert");

        Weir.Result skipped = Weir.run(demo.root(), "run", "bronze_orders", "silver_orders");

        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertThat(skipped.out())
                .contains("BATCH_SKIPPED silver_orders")
                .contains("extracted 9, loaded 0, rejected 9;")
                .contains("watermark 2024-03-07 22:00:00 -> 2024-03-08 14:00:00");
        assertThat(skipped.err())
                .contains("ALERT [P1] batch_skipped silver_orders run ")
                .contains("batch of 9 rows skipped; its rows stay in the source");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(280);
            assertThat(lake.history("silver.orders")
                            .get(lake.history("silver.orders").size() - 1)
                            .summary()
                            .get("weir.skipped-batch"))
                    .startsWith("Quality gate pre_load failed on the batch: 4 blocking checks failed");
        }

        demo.write("data/orders/b4-orders-2024-03-09.csv", """
                order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at
                5290,100,1,1,39.81,placed,2024-03-09,2024-03-09 09:00:00
                """);
        Weir.Result next = Weir.run(demo.root(), "run", "bronze_orders", "silver_orders");
        assertThat(next.out()).contains("SUCCESS silver_orders          extracted 1, loaded 1, rejected 0;");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(281);
        }
        assertCountsAddUp(demo);
    }

    @Test
    void weirTestExitsOneWhenABlockingCheckFailsOnAPublishedTable() {
        DemoProject demo = loadedTwice()
                .edit(
                        "contracts/silver_orders.yaml",
                        "- {type: volume, params: {min_rows: 1}}",
                        "- {type: volume, params: {min_rows: 1, max_rows: 100}}");

        Weir.Result test = Weir.run(demo.root(), "test", "silver_orders");
        Weir.Result all = Weir.run(demo.root(), "test");

        assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
        assertThat(test.out())
                .contains(
                        "silver.orders  volume                 P1        failed  280 rows                  rows in [1, 100]")
                .contains("15 checks on 1 tables: 14 passed, 1 failed (1 blocking)");
        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.out()).contains("34 checks on 4 tables: 33 passed, 1 failed (1 blocking)");
    }

    @Test
    void killedBetweenQuarantineAndCommitTakesTheRejectsBackAndTheRerunQuarantinesThemOnce() {
        DemoProject demo = loadedTwice().addThirdBatch();
        Weir.run(demo.root(), "run", "bronze_orders");

        Weir.Result killed = Weir.run(
                demo.root(),
                Map.of("WEIR_FAIL_POINT", "after-quarantine-before-commit@silver_orders"),
                "run",
                "silver_orders");
        Weir.Result rerun = Weir.run(demo.root(), "run", "silver_orders");

        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("extracted 9, loaded 5, rejected 4;");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders__rejected")).isEqualTo(4);
            assertThat(lake.value("SELECT count(DISTINCT run_id) FROM silver.orders__rejected"))
                    .isEqualTo("1");
            assertThat(lake.count("silver.orders")).isEqualTo(284);
        }
        assertFilesOnDiskAreReferenced(demo);
        Weir.Result runs = Weir.run(demo.root(), "runs", "silver_orders", "-n", "2");
        assertThat(runs.out()).contains("4 quarantined rows taken back out");
    }

    private DemoProject loadedOnce() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        return demo;
    }

    private DemoProject loadedTwice() {
        DemoProject demo = loadedOnce().addSecondBatch();
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        return demo;
    }

    private static String digest(DemoProject demo, String table) {
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            return lake.digest(table);
        }
    }

    private static void assertFilesOnDiskAreReferenced(DemoProject demo) {
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            iceberg.assertNoStrayFiles();
        }
    }

    private static void assertCountsAddUp(DemoProject demo) {
        assertThat(demo.runRecords())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("rows_extracted").asLong())
                        .as(r.toString())
                        .isEqualTo(r.get("rows_loaded").asLong()
                                + r.get("rows_rejected").asLong()));
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
