package dev.weir.core.backfill;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What {@code weir backfill} was asked: reload {@code pipeline}'s rows whose incremental key falls
 * on the days {@code start} to {@code end} (both included), in chunks of {@code size}, for {@code reason}.
 */
public record BackfillRequest(String pipeline, LocalDate start, LocalDate end, ChunkSize size, String reason) {
    public BackfillRequest {
        Objects.requireNonNull(pipeline, "pipeline is null");
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(end, "end is null");
        Objects.requireNonNull(size, "size is null");
        Objects.requireNonNull(reason, "reason is null");
    }
}
