package dev.weir.core.backfill;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** How a backfill's days are cut into chunks: calendar days, ISO weeks (Monday first) or calendar months. */
public enum ChunkSize {
    DAY,
    WEEK,
    MONTH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChunkSize> fromWireName(String name) {
        for (ChunkSize size : values()) {
            if (size.wireName().equals(name)) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }

    /** The first day of the chunk that holds {@code day}. */
    LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The first day of the chunk after the one starting on {@code start}. */
    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
