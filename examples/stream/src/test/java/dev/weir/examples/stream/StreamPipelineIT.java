package dev.weir.examples.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.examples.shop.Weir;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
