package dev.weir.core.spi;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One chunk of a backfill, the days {@code [start, end)}, and what its run did: the target table's
 * live rows before and after it, the run's counts and check results, and what looked wrong.
 *
 * @param runId the run that loaded the chunk last, once one started
 * @param message why the chunk failed, when it did
 */
public record BackfillChunk(
        LocalDate start,
        LocalDate end,
        Status status,
        Optional<String> runId,
        long rowsBefore,
        long rowsAfter,
        long rowsExtracted,
        long rowsLoaded,
        long rowsRejected,
        int checksPassed,
        int checksFailed,
        Optional<String> message,
        List<String> anomalies) {
    /** Where a chunk stands; a rerun of its backfill skips the chunks done and redoes the others. */
    public enum Status {
        PENDING,
        RUNNING,
        DONE,
        FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public BackfillChunk {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(end, "end is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(message, "message is null");
        anomalies = List.copyOf(anomalies);
    }

    /** A chunk no run has started yet. */
    public static BackfillChunk pending(LocalDate start, LocalDate end) {
        return new BackfillChunk(
                start, end, Status.PENDING, Optional.empty(), 0, 0, 0, 0, 0, 0, 0, Optional.empty(), List.of());
    }
}
