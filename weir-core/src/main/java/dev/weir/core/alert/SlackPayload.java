package dev.weir.core.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.spi.Alert;

/**
 * Slack's message body: {@code text} for notifications and clients without blocks, and
 * {@code blocks} with a header, the details and a context line naming the run and the response time.
 */
final class SlackPayload {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack refuses a section whose text is longer. */
    private static final int MAX_SECTION_TEXT = 3000;

    private SlackPayload() {}

    static String of(Alert alert) {
        String headline = AlertText.subject(alert);
        ObjectNode body = JSON.createObjectNode();
        body.put("text", headline);
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(headline, 150));
        if (!alert.details().isEmpty()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text")
                    .put("type", "mrkdwn")
                    .put("text", cut("• " + String.join("\n• ", alert.details()), MAX_SECTION_TEXT));
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "table " + alert.table() + " · run " + alert.runId() + " · respond within: "
                                + alert.responseTime()
                                + alert.notificationChannel()
                                        .map(c -> " · " + c)
                                        .orElse(""));
        return body.toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
