package dev.weir.core.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as a JSON object to a webhook URL. Delivery is tried once, with a short timeout:
 * a receiver that is down or slow must not hold up or fail the run, so failures are logged, naming only the
 * host: a webhook URL's path often holds its secret token.
 */
public final class WebhookAlertChannel implements AlertChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final Function<Alert, String> payload;
    private final HttpClient client;

    public WebhookAlertChannel(URI url) {
        this(url, WebhookAlertChannel::payload);
    }

    /** A webhook that takes its own JSON body, such as Slack's. */
    WebhookAlertChannel(URI url, Function<Alert, String> payload) {
        this.url = url;
        this.payload = payload;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public void send(Alert alert) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload.apply(alert)))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warn(
                        "Alert webhook at {} answered HTTP {}; the alert is in the run's log",
                        url.getHost(),
                        response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn(
                    "Alert webhook at {} unreachable ({}); the alert is in the run's log",
                    url.getHost(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JSON body: every field of the alert, with snake_case names. */
    static String payload(Alert alert) {
        ObjectNode body = JSON.createObjectNode();
        body.put("source", "weir");
        body.put("kind", alert.kind().wireName());
        body.put("severity", alert.severity().name());
        body.put("response_time", alert.responseTime());
        body.put("pipeline", alert.pipeline());
        body.put("run_id", alert.runId());
        body.put("table", alert.table());
        body.put("title", alert.title());
        alert.details().forEach(body.putArray("details")::add);
        alert.notificationChannel().ifPresent(c -> body.put("notification_channel", c));
        body.put("at", alert.at().toString());
        return body.toString();
    }
}
