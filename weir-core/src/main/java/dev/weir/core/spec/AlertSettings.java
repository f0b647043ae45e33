package dev.weir.core.spec;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code alerts:} in {@code weir.yaml}: how long a repeated alert stays quiet, when the daily digest
 * of P2 alerts goes out (a time of day in {@code zone}), and the SMTP server of {@code mailto:} channels.
 */
public record AlertSettings(Duration quietPeriod, LocalTime digestAt, ZoneId zone, Optional<SmtpSettings> smtp) {
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(60);
    public static final LocalTime DEFAULT_DIGEST_AT = LocalTime.of(9, 0);
    public static final AlertSettings DEFAULTS =
            new AlertSettings(DEFAULT_QUIET_PERIOD, DEFAULT_DIGEST_AT, ZoneId.of("UTC"), Optional.empty());

    public AlertSettings {
        Objects.requireNonNull(quietPeriod, "quietPeriod is null");
        Objects.requireNonNull(digestAt, "digestAt is null");
        Objects.requireNonNull(zone, "zone is null");
        Objects.requireNonNull(smtp, "smtp is null");
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("quietPeriod is negative: " + quietPeriod);
        }
    }
}
