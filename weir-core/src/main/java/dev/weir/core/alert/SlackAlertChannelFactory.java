package dev.weir.core.alert;

import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * {@code slack+https://...}: a Slack incoming webhook (or a receiver that speaks its format, such as
 * Mattermost's), which gets each alert as Slack's {@code text} and {@code blocks}. The prefix is
 * what tells it from a generic webhook; the alert goes to the URL after it.
 */
public final class SlackAlertChannelFactory implements AlertChannelFactory {
    static final String PREFIX = "slack+";
    private static final Pattern URL = Pattern.compile("slack\\+https?://\\S+");

    @Override
    public Pattern accepts() {
        return URL;
    }

    @Override
    public String description() {
        return "a Slack webhook URL behind slack+, such as slack+https://hooks.slack.com/services/...";
    }

    @Override
    public AlertChannel create(String channel) {
        return new WebhookAlertChannel(URI.create(channel.substring(PREFIX.length())), SlackPayload::of);
    }
}
