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

    /**
     * Called once the batch {@link #open} returned is committed with {@code end}, its end position,
     * and that commit is durable: a source whose origin keeps what was read until it is acknowledged
     * (a replication slot keeps its WAL) acknowledges it here, never before. Not called when the
     * run published nothing; a run killed before this call leaves the acknowledgement to the next
     * {@link #open}, which receives the committed position. A failure here is logged, not fatal.
     */
    default void committed(Position end) {}

    /** Releases what the source holds (connections, consumers); the scratch directory is the runner's to delete. */
    @Override
    default void close() {}
}
