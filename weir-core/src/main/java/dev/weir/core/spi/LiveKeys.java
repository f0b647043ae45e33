package dev.weir.core.spi;

import java.util.List;

/**
 * A {@link Source} that can list every key its relation holds now, for {@code
 * extract.reconcile_deletes}: the table's rows whose keys are not listed were deleted at the source.
 * A source whose factory says it {@link SourceFactory#listsKeys lists keys} implements it.
 */
public interface LiveKeys {
    /**
     * Every key of the source's relation as it is now, read after the run's batch, in columns of
     * the names {@link #keyColumns} gives. A failure to read all of them fails the run: a partial
     * list would look like deletes.
     */
    Batch.Records liveKeys();

    /** The source's key columns, known once the batch is open. */
    List<String> keyColumns();
}
