package dev.weir.core.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one backfill: what was asked (pipeline, the days {@code [start, end]}, chunk size,
 * why), how it stands, its chunks most recent first and the anomalies found across them.
 *
 * @param id unique across processes, such as {@code bf-20261202T143000Z-1a2b3c4d}
 * @param chunkSize {@code day}, {@code week} or {@code month}
 * @param anomalies what the validation found across chunks (a chunk's own are in the chunk), one line each
 */
public record Backfill(
        String id,
        String pipeline,
        LocalDate start,
        LocalDate end,
        String chunkSize,
        String reason,
        Status status,
        Instant requestedAt,
        Optional<Instant> finishedAt,
        List<BackfillChunk> chunks,
        List<String> anomalies) {
    /** Where a backfill stands; all but {@code done} count in the Backfill Queue. */
    public enum Status {
        /** Chunks are left to run; also a backfill whose process died, until it is run again. */
        RUNNING,
        /** A chunk failed; running the same backfill again redoes the chunks not done. */
        FAILED,
        DONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public Backfill {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(pipeline, "pipeline is null");
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(end, "end is null");
        Objects.requireNonNull(chunkSize, "chunkSize is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(requestedAt, "requestedAt is null");
        Objects.requireNonNull(finishedAt, "finishedAt is null");
        chunks = List.copyOf(chunks);
        anomalies = List.copyOf(anomalies);
    }

    public long chunksDone() {
        return chunks.stream()
                .filter(c -> c.status() == BackfillChunk.Status.DONE)
                .count();
    }
}
