package dev.weir.core.spec;

import dev.weir.core.spi.SourceOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code extract:} section: the keys every source shares, and the source's own settings as its
 * factory read them ({@code options}). {@code sourceSystem} names the source's factory; what
 * {@code connection} means is the source's (a path or glob for files, a table for weir).
 * {@code keyType} is the SQL type the incremental key is compared in ({@code key_type}), when declared
 * (only with an incremental key). {@code reconcileDeletes} finds the rows deleted at the source
 * ({@code reconcile_deletes}), for a source that can list its keys.
 */
public record ExtractSpec(
        String sourceSystem,
        String connection,
        ExtractStrategy strategy,
        Optional<String> incrementalKey,
        Optional<String> keyType,
        SourceOptions options,
        Optional<ReconcileDeletesSpec> reconcileDeletes) {
    public static final String WEIR = "weir";

    public ExtractSpec {
        Objects.requireNonNull(sourceSystem, "sourceSystem is null");
        Objects.requireNonNull(connection, "connection is null");
        Objects.requireNonNull(strategy, "strategy is null");
        Objects.requireNonNull(incrementalKey, "incrementalKey is null");
        Objects.requireNonNull(keyType, "keyType is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(reconcileDeletes, "reconcileDeletes is null");
    }

    /** The incremental key column, when the pipeline extracts incrementally on one. */
    public Optional<String> keyColumn() {
        return strategy == ExtractStrategy.INCREMENTAL ? incrementalKey : Optional.empty();
    }
}
