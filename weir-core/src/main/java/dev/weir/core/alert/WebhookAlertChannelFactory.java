package dev.weir.core.alert;

import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import java.net.URI;
import java.util.regex.Pattern;

/** An http(s) URL: a webhook that gets each alert as a JSON POST. */
public final class WebhookAlertChannelFactory implements AlertChannelFactory {
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    @Override
    public Pattern accepts() {
        return URL;
    }

    @Override
    public String description() {
        return "the http(s) URL of a webhook such as https://hooks.example.com/weir";
    }

    @Override
    public AlertChannel create(String channel) {
        return new WebhookAlertChannel(URI.create(channel));
    }
}
