package dev.weir.core.alert;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The channels of a pipeline's {@code error_handling.alert_channels}: the log always, plus each webhook URL listed. */
public final class AlertChannels implements AlertChannel {
    public static final String LOG = "log";

    private final List<AlertChannel> channels;

    private AlertChannels(List<AlertChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    /** @param names {@code log} or http(s) URLs, as validated when the spec was loaded */
    public static AlertChannels of(List<String> names) {
        List<AlertChannel> channels = new ArrayList<>();
        channels.add(new LogAlertChannel());
        for (String name : names) {
            if (!name.equals(LOG)) {
                channels.add(new WebhookAlertChannel(URI.create(name)));
            }
        }
        return new AlertChannels(channels);
    }

    @Override
    public void send(Alert alert) {
        channels.forEach(channel -> channel.send(alert));
    }
}
