package dev.weir.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack channel, against a real HTTP server standing in for Slack's incoming webhook. */
class SlackAlertChannelTest {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void slackPrefixedUrlsGetSlacksTextAndBlocksWithTheResponseTime() throws Exception {
        String url = "slack+http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0/B0/secret";
        SlackAlertChannelFactory factory = new SlackAlertChannelFactory();
        assertThat(factory.accepts().matcher(url).matches()).isTrue();
        assertThat(new WebhookAlertChannelFactory().accepts().matcher(url).matches())
                .isFalse();

        factory.create(url)
                .send(new Alert(
                        Alert.Kind.RUN_FAILED,
                        Severity.P0,
                        "silver_orders",
                        "run-7",
                        "silver.orders",
                        "run failed, nothing was published",
                        List.of("unique(id) [P0] 3 rows"),
                        Optional.of("#data-alerts"),
                        Instant.parse("2026-12-02T10:00:00Z")));

        assertThat(paths).containsExactly("/services/T0/B0/secret");
        JsonNode body = new ObjectMapper().readTree(bodies.get(0));
        assertThat(body.path("text").asText()).isEqualTo("[P0] silver_orders: run failed, nothing was published");
        assertThat(body.path("blocks").findValuesAsText("type")).contains("header", "section", "context");
        assertThat(body.toString())
                .contains("unique(id) [P0] 3 rows")
                .contains("run run-7")
                .contains("respond within: 15 minutes")
                .contains("#data-alerts");
    }

    @Test
    void genericWebhooksCarryTheResponseTime() throws Exception {
        Alert alert = new Alert(
                Alert.Kind.BATCH_SKIPPED,
                Severity.P1,
                "p",
                "r",
                "s.t",
                "skipped",
                List.of(),
                Optional.empty(),
                Instant.EPOCH);

        assertThat(new ObjectMapper()
                        .readTree(WebhookAlertChannel.payload(alert))
                        .path("response_time")
                        .asText())
                .isEqualTo("1 hour");
    }
}
