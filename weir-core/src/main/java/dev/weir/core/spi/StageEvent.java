package dev.weir.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One stage of a run (extract, a transform stage, load, commit) and its outcome. */
public record StageEvent(
        String runId,
        String stage,
        Instant startedAt,
        Instant completedAt,
        long rows,
        String status,
        Optional<String> message) {
    public StageEvent {
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(completedAt, "completedAt is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(message, "message is null");
    }
}
