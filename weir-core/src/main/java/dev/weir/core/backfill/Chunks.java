package dev.weir.core.backfill;

import dev.weir.core.spi.KeyWindow;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The chunks of a backfill over the days {@code [start, end]}, most recent first (the seed's
 * protocol: reverse-chronological). Chunks follow the calendar, so the first and last may be
 * partial: a backfill from the 10th of a month in month chunks starts with the 10th to the end of
 * that month.
 */
public final class Chunks {
    private Chunks() {}

    /** One chunk, the days {@code [start, end)}. */
    public record Chunk(LocalDate start, LocalDate end) {
        public Chunk {
            Objects.requireNonNull(start, "start is null");
            Objects.requireNonNull(end, "end is null");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("Invalid chunk: " + start + " is not before " + end);
            }
        }

        /** The keys of this chunk in {@code zone}: from the start of its first day to the start of the day after it. */
        public KeyWindow window(ZoneId zone) {
            return new KeyWindow(start.atStartOfDay(zone), end.atStartOfDay(zone));
        }

        @Override
        public String toString() {
            return end.equals(start.plusDays(1)) ? start.toString() : start + ".." + end.minusDays(1);
        }
    }

    /** The chunks of the days {@code start} to {@code end}, both included, most recent first. */
    public static List<Chunk> of(LocalDate start, LocalDate end, ChunkSize size) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("Invalid range: " + end + " is before " + start);
        }
        LocalDate after = end.plusDays(1);
        List<Chunk> chunks = new ArrayList<>();
        LocalDate from = start;
        while (from.isBefore(after)) {
            LocalDate next = size.next(size.startOf(from));
            LocalDate until = next.isBefore(after) ? next : after;
            chunks.add(new Chunk(from, until));
            from = until;
        }
        Collections.reverse(chunks);
        return chunks;
    }
}
