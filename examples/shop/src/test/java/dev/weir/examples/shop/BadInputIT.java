package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes get one clear message with a location, the documented exit code, and no stack trace. */
class BadInputIT {
    @TempDir
    Path dir;

    @Test
    void malformedRecordFailsItsPipelineNamingFileAndLineAndSkipsDependents() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"))
                .write(
                        "data/orders/orders-2024-03-08.csv",
                        "order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at\n"
                                + "9000,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:00:00\n"
                                + "9001,101,1,1,9.99,placed,2024-03-08\n");

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "data/orders/orders-2024-03-08.csv:3: Cannot load record: the record has 7 values, the header has 8 columns (malformed_record)");
        assertNoStackTrace(run);
        assertThat(run.out())
                .contains("FAILED  bronze_orders")
                .contains("SKIPPED silver_orders")
                .contains("SKIPPED gold_daily_revenue")
                .contains("SUCCESS silver_customers");
        for (JsonNode record : demo.runRecords()) {
            assertThat(record.get("rows_extracted").asLong())
                    .isEqualTo(record.get("rows_loaded").asLong()
                            + record.get("rows_rejected").asLong());
        }
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.tables()).extracting(Object::toString).doesNotContain("bronze.orders", "silver.orders");
        }
    }

    @Test
    void aBatchFailingOnItsRecordsIsCountedWholeWithHowManyAreRejects() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"))
                .write(
                        "data/orders/orders-2024-03-08.csv",
                        "order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at\n"
                                + "9000,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:00:00\n"
                                + "9001,101,1,1,9.99,placed,2024-03-08\n"
                                + "9002,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:00:00\n"
                                + "9003,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:00:00,extra\n");
        long records = 0;
        try (Stream<Path> files = Files.list(demo.root().resolve("data/orders"))) {
            for (Path file : files.toList()) {
                records += Files.readAllLines(file).size() - 1;
            }
        }

        Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("data/orders/orders-2024-03-08.csv:3: Cannot load record: the record has 7 values, the header"
                        + " has 8 columns (malformed_record); 2 of the batch's " + records + " records are rejects");
        JsonNode failed = demo.runRecords().get(0);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("rows_extracted").asLong()).isEqualTo(records);
        assertThat(failed.get("rows_loaded").asLong()).isZero();
        assertThat(failed.get("rows_rejected").asLong()).isEqualTo(records);
    }

    @Test
    void fixingTheBadFileAndRerunningLoadsEveryRowOnce() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"))
                .write(
                        "data/orders/orders-2024-03-08.csv",
                        "order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at\n9001,101,1,1\n");
        assertThat(Weir.run(demo.root(), "run").exitCode()).isEqualTo(1);

        demo.write(
                "data/orders/orders-2024-03-08.csv",
                "order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at\n"
                        + "9001,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:00:00\n");
        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("bronze.orders")).isEqualTo(241);
            assertThat(lake.count("silver.orders")).isEqualTo(241);
        }
    }

    @Test
    void specErrorsAreAllReportedWithFileLineAndHintAndExitTwo() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        demo.write("pipelines/silver_orders.yaml", """
                pipeline:
                  name: silver_orders
                extract:
                  source_system: weir
                  connection: bronze.orderz
                  strategy: incremental
                  incremental_key: updated_at
                load:
                  target: silver.orders
                  strategy: upsrt
                  merge_key: [order_id]
                """);

        Weir.Result validate = Weir.run(demo.root(), "validate");
        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
        assertThat(validate.err())
                .contains("pipelines/silver_orders.yaml:5:")
                .contains("bronze.orders")
                .contains("pipelines/silver_orders.yaml:10:")
                .contains("upsert")
                .contains("pipelines/silver_orders.yaml:11:")
                .contains("merge_keys");
        assertNoStackTrace(validate);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(validate.err());
    }

    @Test
    void validProjectValidates() {
        Weir.Result validate =
                Weir.run(DemoProject.copyInto(dir.resolve("shop")).root(), "validate");

        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("7 pipelines, 3 contracts, no problems found");
    }

    @Test
    void usageMistakesExitTwoWithAHint() {
        Path project = DemoProject.copyInto(dir.resolve("shop")).root();

        Weir.Result unknownCommand = Weir.run(project, "rnu");
        Weir.Result unknownPipeline = Weir.run(project, "run", "silver_order");
        Weir.Result write = Weir.run(project, "query", "DELETE FROM silver.orders");
        Weir.Result unknownTable = Weir.run(project, "table", "history", "silver.nope");

        assertThat(List.of(unknownCommand, unknownPipeline, write, unknownTable))
                .allSatisfy(r -> {
                    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
                    assertNoStackTrace(r);
                });
        assertThat(unknownCommand.err()).contains("run");
        assertThat(unknownPipeline.err()).contains("silver_orders");
        assertThat(write.err()).contains("Cannot run 'delete': weir query runs one read-only statement");
        assertThat(unknownTable.err()).contains("Unknown table: silver.nope");
    }

    @Test
    void missingProjectFileSaysWhereItLooked() {
        Weir.Result run =
                Weir.run(DemoProject.copyInto(dir.resolve("shop")).root().resolve("pipelines"), "run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("weir.yaml");
        assertNoStackTrace(run);
    }

    @Test
    void internalErrorExitsThreeWithAStackTraceOnlyUnderDebug() {
        Path project = DemoProject.copyInto(dir.resolve("shop")).root();
        Map<String, String> brokenEnvironment = Map.of("WEIR_FAIL_POINT", "not a fail point");

        Weir.Result plain = Weir.run(project, brokenEnvironment, "run");
        Weir.Result debug = Weir.run(project, brokenEnvironment, "run", "--debug");

        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(3);
        assertThat(plain.err())
                .contains("internal error: ")
                .contains("hint: this is a bug in Weir; rerun with --debug")
                .doesNotContain("\tat ");
        assertThat(debug.exitCode()).isEqualTo(3);
        assertThat(debug.err()).contains("\tat dev.weir.");
    }

    private static void assertNoStackTrace(Weir.Result result) {
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
