package dev.weir.core.spec;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * {@code scheduler:} in {@code weir.yaml}: the time zone cron schedules are read in, and how many
 * runs the scheduler starts at once across the project.
 */
public record SchedulerSettings(ZoneId timeZone, int maxConcurrent) {
    public static final SchedulerSettings DEFAULTS = new SchedulerSettings(ZoneOffset.UTC, 4);

    public SchedulerSettings {
        Objects.requireNonNull(timeZone, "timeZone is null");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
    }
}
