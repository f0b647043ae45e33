package dev.weir.core.alert;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels that reach people among a pipeline's {@code error_handling.alert_channels}: each one
 * listed but the log, which {@link AlertDelivery} writes every alert to anyway.
 */
public final class AlertChannels implements AlertChannel {
    public static final String LOG = "log";

    private final List<AlertChannel> channels;

    private AlertChannels(List<AlertChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    /**
     * @param names channels as validated when the spec was loaded, each accepted by one of {@code factories}
     * @param factories the installed alert channel factories
     */
    public static AlertChannels of(List<String> names, List<AlertChannelFactory> factories, AlertSettings settings) {
        List<AlertChannel> channels = new ArrayList<>();
        for (String name : names) {
            if (!name.equals(LOG)) {
                AlertChannelFactory factory = factories.stream()
                        .filter(f -> f.accepts().matcher(name).matches())
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("No alert channel plugin accepts '" + name + "'"));
                channels.add(factory.create(name, settings));
            }
        }
        return new AlertChannels(channels);
    }

    boolean isEmpty() {
        return channels.isEmpty();
    }

    @Override
    public void send(Alert alert) {
        channels.forEach(channel -> channel.send(alert));
    }
}
