package dev.weir.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One snapshot in a table's history, oldest first in lists. */
public record SnapshotInfo(long snapshotId, Instant committedAt, String operation, Map<String, String> summary) {
    public SnapshotInfo {
        Objects.requireNonNull(committedAt, "committedAt is null");
        Objects.requireNonNull(operation, "operation is null");
        summary = Map.copyOf(summary);
    }

    public Optional<String> runId() {
        return Optional.ofNullable(summary.get(TableCommit.RUN_ID));
    }

    public Optional<String> pipeline() {
        return Optional.ofNullable(summary.get(TableCommit.PIPELINE));
    }
}
