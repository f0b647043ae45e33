package dev.weir.core.spi;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The rows of a backfill chunk: those whose incremental key lies in {@code [from, until)}. The
 * engine compares in the key's type: a date key with the dates of the bounds, a timestamp without
 * time zone with their local date-times, a timestamp with time zone with their instants.
 */
public record KeyWindow(ZonedDateTime from, ZonedDateTime until) {
    public KeyWindow {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(until, "until is null");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("Invalid key window: " + from + " is not before " + until);
        }
    }

    @Override
    public String toString() {
        return "[" + from.toLocalDateTime() + ", " + until.toLocalDateTime() + ") " + from.getZone();
    }
}
