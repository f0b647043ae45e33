package dev.weir.metastore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants as UTC ISO-8601 text with exactly three fraction digits. The fixed width makes text
 * order equal time order, so the database can sort and compare the column without parsing it.
 */
final class TimestampText {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimestampText() {}

    /** Formats {@code instant}, dropping any part finer than a millisecond. */
    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }
}
