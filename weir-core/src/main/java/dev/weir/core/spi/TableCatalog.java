package dev.weir.core.spi;

import dev.weir.core.spec.TableId;

/**
 * Weir's tables, shared by every run of a process: reads their state, rolls them back, and opens
 * the write session each run commits through. Safe to use from several threads at once, and from
 * several processes (commits are optimistic and retried).
 */
public interface TableCatalog extends TableReader, AutoCloseable {
    /**
     * Makes {@code snapshotId}, an ancestor of the current snapshot, the current one again: the
     * snapshots after it stay in the metadata, but no longer in the table's {@link #history}.
     *
     * @throws dev.weir.core.error.WeirException {@code USAGE} when the snapshot is not an ancestor
     *     of the current one
     */
    void rollback(TableId table, long snapshotId);

    /** A write session for one run; the caller closes it when the run ends. */
    TableStore openSession();

    @Override
    void close();
}
