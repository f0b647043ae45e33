package dev.weir.examples.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.connectors.kafka.SharedKafka;
import dev.weir.examples.shop.Weir;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's two pipelines through the command line against a real broker: every valid message
 * once in bronze with its partition and offset, every malformed one once in the quarantine with its
 * offset and text, each order's latest event in silver, and a rerun that finds nothing new.
 */
class StreamPipelineIT {
    @TempDir
    Path dir;

    @Test
    void everyMessageLandsOnceAndEachOrdersLatestEventIsInSilver() {
        OrderEvents events = new OrderEvents("pipeline-it.order_events", 60, 42);
        StreamProject project = new StreamProject(dir.resolve("stream"), "pipeline-it.order_events", "");
        events.send(400);

        Weir.Result first = project.run("run");
        Weir.Result again = project.run("run");
        events.send(200);
        Weir.Result third = project.run("run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out())
                .containsPattern("SUCCESS bronze_order_events +extracted 400, loaded \\d+, rejected \\d+;")
                .contains("watermark none -> pipeline-it.order_events[0:");
        assertThat(again.out())
                .as(again.toString())
                .containsPattern("bronze_order_events +extracted 0,")
                .containsPattern("silver_orders +extracted 0,");
        assertThat(third.out()).as(third.toString()).containsPattern("bronze_order_events +extracted 200,");
        assertLoadedExactlyOnce(project, events);
    }

    @Test
    void followingLoadsEachWaveOfMessagesAndStopsCleanlyOnSigterm() throws Exception {
        OrderEvents events = new OrderEvents("follow-it.order_events", 40, 7);
        StreamProject project = new StreamProject(dir.resolve("follow"), "follow-it.order_events", "");
        Process follower = project.start("run", "--follow", "--interval", "1s", "bronze_order_events");

        for (int wave = 0; wave < 3; wave++) {
            events.send(100);
            awaitBronzeRows(project, events.validPositions().size());
        }
        follower.destroy(); // SIGTERM
        assertThat(follower.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Weir.Result followed = Weir.result(project.root(), follower);

        // the signal lands between batches (exit 0) or in one, which it cancels (exit 143): both leave nothing half
        // done
        assertThat(followed.exitCode()).as(followed.toString()).isIn(0, 143);
        assertThat(followed.err())
                .as(followed.toString())
                .containsPattern("weir: stopped by SIGTERM( between batches: every batch read was committed"
                        + "|: the running pipeline was cancelled and published nothing)");
        assertThat(followed.out())
                .as("successful runs that extract nothing print nothing")
                .doesNotContainPattern("SUCCESS bronze_order_events +extracted 0,");
        assertThat(followed.out()).containsPattern("SUCCESS bronze_order_events +extracted \\d+,");
        Weir.Result after = project.run("run", "bronze_order_events");
        assertThat(after.out()).as(after.toString()).containsPattern("bronze_order_events +extracted 0,");
        assertThat(project.rows("bronze.order_events").stream()
                        .map(r -> r.get("_kafka_partition") + ":" + r.get("_kafka_offset"))
                        .sorted()
                        .toList())
                .isEqualTo(events.validPositions());
    }

    @Test
    void aStopSignalWhileABatchIsBeingPublishedLeavesItPublishedAndRecordedAsSuccess() throws Exception {
        OrderEvents events = new OrderEvents("publish-it.order_events", 20, 11);
        StreamProject project = new StreamProject(dir.resolve("publish"), "publish-it.order_events", "");
        events.send(50);
        Process run = Weir.start(
                project.root(),
                Map.of(
                        "KAFKA_SERVERS",
                        SharedKafka.servers(),
                        "WEIR_FAIL_POINT",
                        "after-commit-before-metastore@bronze_order_events:pause=4000"),
                "run");
        awaitBronzeRows(project, events.validPositions().size()); // committed: it pauses before the metastore

        run.destroy(); // SIGTERM
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Weir.Result stopped = Weir.result(project.root(), run);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(143);
        assertThat(stopped.out())
                .as(stopped.toString())
                .contains("SUCCESS bronze_order_events")
                .contains("SKIPPED silver_orders");
        assertThat(stopped.err()).contains("weir: stopped by SIGTERM after bronze_order_events published");
        assertThat(project.runRecords().stream()
                        .filter(r -> r.get("pipeline_name").asText().equals("bronze_order_events"))
                        .map(r -> r.get("status").asText())
                        .toList())
                .containsExactly("success");
        Weir.Result rerun = project.run("run");
        assertThat(rerun.out())
                .as(rerun.toString())
                .containsPattern("bronze_order_events +extracted 0,")
                .containsPattern("silver_orders +extracted 50,");
    }

    /** Waits until bronze holds {@code count} rows, as a follower loads them. */
    private static void awaitBronzeRows(StreamProject project, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (Files.exists(project.root().resolve(".weir/weir.db"))) {
                try {
                    if (project.rows("bronze.order_events").size() >= count) {
                        return;
                    }
                } catch (RuntimeException notCreatedYet) {
                    // the first batch has not created the table yet
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("bronze.order_events did not reach " + count + " rows in 2 minutes");
    }

    @Test
    void aBrokerThatCannotBeReachedIsOneLineNamingItWithoutAStackTrace() throws IOException {
        StreamProject project = new StreamProject(dir.resolve("down"), "down.order_events", "timeout_seconds: 2");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Weir.Result run =
                Weir.run(project.root(), StreamProject.env("localhost:" + port), "run", "bronze_order_events");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out() + run.err())
                .contains("Cannot read topic 'down.order_events' from localhost:" + port)
                .contains("check that the brokers are up")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    /** What {@link OrderEvents} says each message becomes, against the tables and the run records. */
    static void assertLoadedExactlyOnce(StreamProject project, OrderEvents events) {
        List<String> bronze = project.rows("bronze.order_events").stream()
                .map(r -> r.get("_kafka_partition") + ":" + r.get("_kafka_offset"))
                .sorted()
                .toList();
        assertThat(bronze).as("bronze rows by partition:offset").isEqualTo(events.validPositions());
        for (String table : List.of("bronze.order_events__rejected", "silver.orders__rejected")) {
            List<String> origins = project.rows(table).stream()
                    .map(r -> r.get("origin"))
                    .sorted()
                    .toList();
            assertThat(origins).as("rejects of " + table).isEqualTo(events.rejectOrigins());
        }
        Map<String, List<String>> silver = new TreeMap<>();
        for (Map<String, String> row : project.rows("silver.orders")) {
            silver.put(
                    row.get("order_id"),
                    List.of(
                            row.get("order_id"),
                            row.get("status"),
                            row.get("amount"),
                            row.get("updated_at"),
                            row.get("_kafka_offset")));
        }
        assertThat(silver).as("silver.orders").isEqualTo(events.latest());
        long extracted = 0;
        for (JsonNode record : project.runRecords()) {
            assertThat(record.get("rows_extracted").asLong())
                    .as(record.toString())
                    .isEqualTo(record.get("rows_loaded").asLong()
                            + record.get("rows_rejected").asLong());
            if (record.get("pipeline_name").asText().equals("bronze_order_events")
                    && record.get("status").asText().equals("success")) {
                extracted += record.get("rows_extracted").asLong();
            }
        }
        assertThat(extracted)
                .as("messages extracted by bronze's successful runs")
                .isEqualTo(events.sent().size());
    }
}
