package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.util.Optional;
import java.util.Set;

/**
 * A source's own settings from the {@code extract:} section, read and validated by its
 * {@link SourceFactory}: an immutable record of the source's module.
 */
public interface SourceOptions {
    /** The Weir tables the source reads: a pipeline runs after the pipelines that load them. */
    default Set<TableId> tablesRead() {
        return Set.of();
    }

    /**
     * What an incremental read of this source reads again on every run, when it does: rows at the
     * last watermark value, or within a lookback below it. Such a read needs a load by key
     * (upsert, merge, scd2), which replaces the rows read again; an append would duplicate them,
     * so it is a spec error. Empty when the source reads each row once.
     */
    default Optional<String> rereads() {
        return Optional.empty();
    }

    /**
     * A boolean column the source sets true on rows that stand for the deletion of their key
     * (a Kafka tombstone). Such a row holds only its key, so it must be applied by a merge whose
     * {@code delete_when} reads this column; any other load would keep it as a row of NULLs.
     */
    default Optional<String> deleteMarker() {
        return Optional.empty();
    }

    /**
     * Whether the source measures how far the table is behind it ({@link SourceLag}), which
     * {@code pipeline.max_lag} watches; for a source that does not, {@code max_lag} is a spec error.
     */
    default boolean measuresLag() {
        return false;
    }

    /** For a source of changes, how its rows are applied; empty for a source of rows. */
    default Optional<ChangeFeed> changes() {
        return Optional.empty();
    }

    /** Options of a source that has no settings of its own. */
    SourceOptions NONE = new SourceOptions() {};
}
