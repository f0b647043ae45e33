package dev.weir.core.spi;

import dev.weir.core.spec.AlertSettings;
import java.util.regex.Pattern;

/**
 * A kind of alert channel, found through {@link java.util.ServiceLoader}: it serves the entries of
 * {@code error_handling.alert_channels} that its {@link #accepts} pattern matches, by name
 * ({@code log}) or by URI scheme ({@code https://...}).
 */
public interface AlertChannelFactory {
    /** The entries this factory serves; the spec loader refuses an entry no factory accepts. */
    Pattern accepts();

    /** How the spec loader's hint names what it accepts, e.g. {@code the http(s) URL of a webhook}. */
    String description();

    /** The channel for one accepted entry. */
    AlertChannel create(String channel);

    /** The channel for one accepted entry, for factories that need the project's {@code alerts:} settings. */
    default AlertChannel create(String channel, AlertSettings settings) {
        return create(channel);
    }
}
