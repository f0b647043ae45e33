package dev.weir.examples.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.examples.shop.Weir;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lag through the command line against a real broker: {@code weir status} shows how far each table is
 * behind its topic, says "unreachable" at once when the brokers are down, and {@code pipeline.max_lag}
 * alerts after a run that leaves the table too far behind, once while that lasts.
 */
class StreamLagIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusShowsHowFarEachTableIsBehindItsTopicAndWhenItLastCommitted() throws IOException {
        OrderEvents events = new OrderEvents("lag-it.order_events", 30, 5);
        StreamProject project = new StreamProject(dir.resolve("status"), "lag-it.order_events", "");
        events.send(100);
        Weir.Result run = project.run("run", "bronze_order_events");
        events.send(40);

        Weir.Result status = project.run("status");
        Weir.Result json = project.run("status", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .containsPattern("pipeline +source_position +committed +lag +last_commit")
                .containsPattern("bronze_order_events +lag-it\\.order_events\\[0:\\d+,1:\\d+,2:\\d+] +lag-it"
                        + "\\.order_events\\[0:\\d+,1:\\d+,2:\\d+] +40 messages +\\d+ s ago")
                .containsPattern("silver_orders +lag-it\\.order_events\\[[^ ]+ +none +140 messages +never");
        Map<String, JsonNode> lags = new HashMap<>();
        JSON.readTree(json.out()).forEach(p -> lags.put(p.path("pipeline").asText(), p.path("lag")));
        assertThat(lags.get("bronze_order_events").path("behind").asLong()).isEqualTo(40);
        assertThat(lags.get("bronze_order_events").path("unit").asText()).isEqualTo("messages");
        assertThat(lags.get("bronze_order_events")
                        .path("last_commit_age_seconds")
                        .asLong())
                .isBetween(0L, 120L);
        assertThat(lags.get("silver_orders").path("committed").isNull()).isTrue();
        assertThat(lags.get("silver_orders").path("behind").asLong()).isEqualTo(140);
    }

    @Test
    void statusWithItsBrokersDownShowsThemUnreachableAndStillAnswers() throws IOException {
        StreamProject project = new StreamProject(dir.resolve("down"), "lag-down-it.order_events", "");
        String nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = "127.0.0.1:" + socket.getLocalPort();
        }

        long started = System.nanoTime();
        Weir.Result status = Weir.run(project.root(), StreamProject.env(nobody), "status");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .containsPattern("bronze_order_events +unreachable +none +- +never")
                .contains(
                        "unreachable bronze_order_events: Cannot read topic 'lag-down-it.order_events' from " + nobody);
        assertThat(took).as("two pipelines of 3 s each, and a JVM's start").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aLagPastMaxLagAlertsOnceWhileItLastsAndAgainWhenItComesBack() throws IOException {
        OrderEvents events = new OrderEvents("max-lag-it.order_events", 30, 9);
        StreamProject project = new StreamProject(dir.resolve("alert"), "max-lag-it.order_events", "max_messages: 20");
        Path bronze = project.root().resolve("pipelines/bronze_order_events.yaml");
        Files.writeString(bronze, Files.readString(bronze).replace("  tier: 2\n", "  tier: 2\n  max_lag: 30\n"));
        events.send(100);

        Weir.Result behind = project.run("run", "bronze_order_events"); // 80 left
        Weir.Result stillBehind = project.run("run", "bronze_order_events"); // 60 left
        project.run("run", "bronze_order_events"); // 40 left
        Weir.Result caughtUp = project.run("run", "bronze_order_events"); // 20 left: under max_lag
        events.send(100);
        Weir.Result behindAgain = project.run("run", "bronze_order_events"); // 100 left

        assertThat(behind.exitCode()).as(behind.toString()).isZero();
        assertThat(behind.err())
                .containsPattern("ALERT \\[P\\d] lag_exceeded bronze_order_events run \\S+: is 80 messages behind"
                        + " its source, past max_lag 30 messages — committed max-lag-it\\.order_events\\[");
        assertThat(stillBehind.err()).as("held back while it lasts").doesNotContain("lag_exceeded");
        assertThat(caughtUp.err()).doesNotContain("lag_exceeded");
        assertThat(behindAgain.err())
                .contains("lag_exceeded bronze_order_events")
                .contains("is 100 messages behind");
    }
}
