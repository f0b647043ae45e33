package dev.weir.core.spec.load;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.SmtpSettings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/** Resolves {@code alerts:} of {@code weir.yaml}, already validated against {@link ProjectSections#ALERTS}. */
final class AlertSettingsReader {
    private static final long MILLIS_PER_MINUTE = 60_000;
    private static final Pattern TIME_OF_DAY = Pattern.compile("[0-9]{2}:[0-9]{2}");

    AlertSettings read(SectionValues alerts) {
        // A negative or malformed value is reported by the schema; the default stands in for it
        Duration quiet = alerts.number("quiet_minutes").stream()
                .filter(m -> m >= 0)
                .mapToObj(m -> Duration.ofMillis(Math.round(m * MILLIS_PER_MINUTE)))
                .findFirst()
                .orElse(AlertSettings.DEFAULT_QUIET_PERIOD);
        LocalTime digestAt = alerts.text("digest_at")
                .filter(t -> TIME_OF_DAY.matcher(t).matches())
                .map(LocalTime::parse)
                .orElse(AlertSettings.DEFAULT_DIGEST_AT);
        return new AlertSettings(quiet, digestAt, zone(alerts), smtp(alerts.section("smtp")));
    }

    private static ZoneId zone(SectionValues alerts) {
        String text = alerts.text("time_zone").orElse("UTC");
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            alerts.problems()
                    .add(
                            alerts.location("time_zone"),
                            "Unknown time zone '" + text + "'",
                            "use a region name such as Europe/Berlin, or UTC");
            return AlertSettings.DEFAULTS.zone();
        }
    }

    private static Optional<SmtpSettings> smtp(SectionValues smtp) {
        Optional<String> host = smtp.text("host");
        Optional<String> from = smtp.text("from");
        if (host.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SmtpSettings(
                host.get(),
                smtp.integer("port"),
                from.get(),
                smtp.text("username"),
                smtp.text("password"),
                smtp.bool("starttls")));
    }
}
