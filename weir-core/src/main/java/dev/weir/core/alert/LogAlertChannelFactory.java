package dev.weir.core.alert;

import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import java.util.regex.Pattern;

/** {@code log}: the run's log, which gets every alert whether it is listed or not. */
public final class LogAlertChannelFactory implements AlertChannelFactory {
    private static final Pattern LOG = Pattern.compile(AlertChannels.LOG);

    @Override
    public Pattern accepts() {
        return LOG;
    }

    @Override
    public String description() {
        return AlertChannels.LOG;
    }

    @Override
    public AlertChannel create(String channel) {
        return new LogAlertChannel();
    }
}
