package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
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

    /** Options of a source that has no settings of its own. */
    SourceOptions NONE = new SourceOptions() {};
}
