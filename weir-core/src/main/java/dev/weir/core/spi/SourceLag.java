package dev.weir.core.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link Source} that can say how far a pipeline's committed position is behind the source's head
 * now: messages for a topic, WAL bytes for a replication slot. Used by {@code weir status} and by the
 * lag alert ({@code pipeline.max_lag}) at the end of each run; reads no record.
 */
public interface SourceLag {
    /**
     * Reads the source's head and measures {@code committed} (the position the table holds, empty when
     * nothing was committed yet) against it. Returns within about {@code timeout}.
     *
     * @throws dev.weir.core.error.WeirException {@code SOURCE_UNAVAILABLE} when the source cannot be
     *     reached within {@code timeout}
     */
    Lag lag(Optional<Position> committed, Duration timeout);
}
