package dev.weir.core.spi;

import java.time.Instant;
import java.util.List;

/**
 * An engine's side of {@code extract.reconcile_deletes}: finding the table's rows whose keys the
 * source no longer holds, and the rows that mark them deleted or closed.
 */
public interface VanishedRows {
    /** The column a soft delete sets to the time the run found the row's key gone, a {@code timestamptz}. */
    String DELETED_AT = "_deleted_at";

    /** Which of the table's rows can vanish. */
    enum Scope {
        /** Every live row. */
        ALL_ROWS,
        /** The rows whose {@link #DELETED_AT} is NULL: a soft-deleted row is not deleted again. */
        NOT_SOFT_DELETED,
        /** The current versions of an scd2 history ({@code is_current}); a closed history stays closed. */
        CURRENT_VERSIONS
    }

    /** What {@link #vanished} found: the rows in scope whose keys are gone, and how many rows are in scope. */
    record Vanished(RelationInfo rows, long rowsInScope) {}

    /**
     * Stages the source's keys as relation {@code name}: the records of a {@link Batch.Records}, or
     * the {@code columns} of a {@link Batch.Table} attached to the session.
     */
    RelationInfo stageKeys(String name, Batch keys, List<String> columns);

    /**
     * The rows of the table's {@code files} (read in {@code schema}) in {@code scope} whose
     * {@code keys} are in none of the relations {@code present}, as relation {@code name}.
     */
    Vanished vanished(
            String name,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            List<String> present,
            Scope scope);

    /** The distinct {@code keys} of the relations {@code relations}, as relation {@code name}. */
    RelationInfo keysOf(String name, List<String> keys, List<String> relations);

    /** The rows of {@code loaded} with a NULL {@link #DELETED_AT} column added, as relation {@code name}. */
    RelationInfo withDeletedAt(String name, String loaded);

    /**
     * The rows of {@code loaded}, then those of {@code vanished} with {@link #DELETED_AT} set to
     * {@code at}, matched by column name, as relation {@code name}.
     */
    RelationInfo softDeleted(String name, String loaded, String vanished, Instant at);

    /**
     * Every version in {@code files} of the keys of {@code vanished} (current versions), with the
     * current one closed at {@code at} ({@code valid_to = at}, {@code is_current = false}), then the
     * rows of {@code history}, matched by column name, as relation {@code name}.
     */
    RelationInfo closedHistories(
            String name,
            String history,
            String vanished,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            Instant at);
}
