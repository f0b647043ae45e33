package dev.weir.core.alert;

import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code memory:NAME}: a channel that keeps what it is sent, so a test can read what reached people. */
final class RecordingChannelFactory implements AlertChannelFactory {
    final List<Alert> sent = new ArrayList<>();

    @Override
    public Pattern accepts() {
        return Pattern.compile("memory:\\S+");
    }

    @Override
    public String description() {
        return "memory:NAME";
    }

    @Override
    public AlertChannel create(String channel) {
        return sent::add;
    }
}
