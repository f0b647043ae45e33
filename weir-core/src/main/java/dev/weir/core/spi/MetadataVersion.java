package dev.weir.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One metadata file of a table, as read once.
 *
 * @param file the file's location
 * @param current whether the catalog points at it
 * @param writtenAt when the table was last updated in it; empty when it cannot be read
 * @param problem why it cannot be read ({@code missing: ...}, {@code corrupt: ...}); empty when readable
 * @param history its current snapshot and that snapshot's ancestors, oldest first; empty when it
 *     cannot be read or holds no snapshot
 */
public record MetadataVersion(
        String file,
        boolean current,
        Optional<Instant> writtenAt,
        Optional<String> problem,
        List<SnapshotInfo> history) {
    public MetadataVersion {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(writtenAt, "writtenAt is null");
        Objects.requireNonNull(problem, "problem is null");
        history = List.copyOf(history);
    }

    public boolean readable() {
        return problem.isEmpty();
    }

    /** The newest snapshot of {@link #history}, the one readers of this file see. */
    public Optional<SnapshotInfo> snapshot() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }
}
