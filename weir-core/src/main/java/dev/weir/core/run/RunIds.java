package dev.weir.core.run;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Run ids sort by start time and are unique across processes: {@code 20240131T101500Z-1a2b3c4d}. */
public final class RunIds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIds() {}

    public static String next(Clock clock) {
        return FORMAT.format(clock.instant()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
