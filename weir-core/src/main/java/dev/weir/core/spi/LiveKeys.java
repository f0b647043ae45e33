package dev.weir.core.spi;

import java.util.List;

/**
 * A {@link Source} that can list every key its relation holds now, for {@code
 * extract.reconcile_deletes}: the table's rows whose keys are not listed were deleted at the source.
 * A source whose factory says it {@link SourceFactory#listsKeys lists keys} implements it.
 */
public interface LiveKeys {
    /**
     * Every value of {@code columns} (the load's merge keys) the source's relation holds now, read
     * after the run's batch: a {@link Batch.Records} of those columns, or a {@link Batch.Table}
     * whose columns of those names the engine reads. A failure to read all of them fails the run:
     * a partial list would look like deletes.
     *
     * @throws dev.weir.core.error.WeirException {@code SOURCE_FAILED} when the relation lacks a column
     */
    Batch liveKeys(List<String> columns);
}
