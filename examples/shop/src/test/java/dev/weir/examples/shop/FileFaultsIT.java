package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file a glob brings that cannot be read as the feed's format is named, with why, before any
 * of it is taken for a header or compared with the table's schema; under dead-letter a whole file
 * of garbage is one reject and the rest of the batch loads.
 */
class FileFaultsIT {
    private static final String GARBAGE = "data/orders/orders-2024-03-07.csv";

    @TempDir
    Path dir;

    @Test
    void aFileOfRandomBytesFailsTheRunNamingItAndNoSchemaChangeIsReported() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run", "bronze_orders").exitCode()).isZero();
        writeGarbage(demo);

        Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains(GARBAGE + ": Cannot load the file: not a text file: a NUL byte at offset")
                .contains("hint: replace it by a CSV file or move it out of the way of 'data/orders/*.csv'")
                .doesNotContain("schema")
                .doesNotContain("\tat ");
        JsonNode failed = last(demo.runRecords());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("rows_extracted").asLong())
                .isEqualTo(failed.get("rows_loaded").asLong()
                        + failed.get("rows_rejected").asLong());

        Files.delete(demo.root().resolve(GARBAGE));
        Weir.Result rerun = Weir.run(demo.root(), "run", "bronze_orders");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("SUCCESS bronze_orders          extracted 0");
    }

    @Test
    void underDeadLetterAFileOfRandomBytesIsOneRejectAndTheRestOfTheBatchLoads() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"))
                .edit("pipelines/bronze_orders.yaml", "load:\n", "error_handling: {strategy: dead-letter}\nload:\n");
        writeGarbage(demo);
        demo.write(
                "data/orders/orders-2024-03-08.csv",
                "order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at\n"
                        + "9000,101,1,1,9.99,placed,2024-03-08,2024-03-08 09:00:00\n");

        Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SUCCESS bronze_orders          extracted 242, loaded 241, rejected 1");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("bronze.orders")).isEqualTo(241);
            List<List<String>> rejects = lake.rows("SELECT origin, reason FROM bronze.orders__rejected");
            assertThat(rejects).hasSize(1);
            assertThat(rejects.get(0).get(0)).isEqualTo(GARBAGE + ":1");
            assertThat(rejects.get(0).get(1)).startsWith("not_text: not a text file: ");
        }

        Weir.Result again = Weir.run(demo.root(), "run", "bronze_orders");

        assertThat(again.out()).as("the garbage file is not read again").contains("extracted 0");
    }

    @Test
    void aFileWeirMayNotReadFailsTheRunSayingPermissionDenied() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Path unreadable = demo.root().resolve("data/orders/orders-2024-03-06.csv");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));

        Weir.Result run = Weir.runWithoutReadingEverything(demo.root(), "run", "bronze_orders");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("data/orders/orders-2024-03-06.csv: Cannot read the file: permission denied")
                .contains("hint: check that the file exists and that Weir may read it")
                .doesNotContain("\tat ");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.tables()).extracting(Object::toString).doesNotContain("bronze.orders");
        }
    }

    @Test
    void aSymbolicLinkThatLeadsNowhereIsAWarningOfTheRunNotASilentSkip() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Path link = demo.root().resolve("data/orders/orders-2024-03-09.csv");
        Files.createSymbolicLink(link, dir.resolve("landing/orders-2024-03-09.csv"));

        Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String warning = "data/orders/orders-2024-03-09.csv is a symbolic link to "
                + dir.resolve("landing/orders-2024-03-09.csv") + ", which does not exist: not loaded";
        assertThat(run.out()).contains("SUCCESS bronze_orders").contains("warning: " + warning);
        assertThat(last(demo.runRecords()).get("warnings").toString()).contains(warning);

        Files.createDirectories(dir.resolve("landing"));
        Files.writeString(
                dir.resolve("landing/orders-2024-03-09.csv"),
                "order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at\n"
                        + "9100,101,1,1,9.99,placed,2024-03-09,2024-03-09 09:00:00\n");
        Weir.Result arrived = Weir.run(demo.root(), "run", "bronze_orders");

        assertThat(arrived.out()).contains("extracted 1, loaded 1, rejected 0").doesNotContain("warning");
    }

    private static void writeGarbage(DemoProject demo) throws Exception {
        byte[] garbage = new byte[3000];
        new Random(12).nextBytes(garbage);
        garbage[100] = 0;
        Files.write(demo.root().resolve(GARBAGE), garbage);
    }

    private static JsonNode last(List<JsonNode> records) {
        return records.get(records.size() - 1);
    }
}
