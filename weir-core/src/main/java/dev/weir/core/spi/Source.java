package dev.weir.core.spi;

import java.util.Optional;

/**
 * Opens the bounded batch one run reads, from the position the last load committed. A source never
 * commits anything: the runner commits the batch's end position with the data. Used by one thread;
 * closed when the run ends, whatever happened.
 */
public interface Source extends AutoCloseable {
    /**
     * The batch that follows {@code previous}, the position the last load of this pipeline committed
     * (empty before the first load, or when that position was taken by another kind of source).
     *
     * @throws dev.weir.core.error.WeirException {@code SOURCE_FAILED} or {@code SOURCE_UNAVAILABLE}
     *     when the source cannot be read, {@code CANCELLED} when the run was cancelled
     */
    SourceBatch open(Optional<Position> previous);

    /** Releases what the source holds (connections, consumers); the scratch directory is the runner's to delete. */
    @Override
    default void close() {}
}
