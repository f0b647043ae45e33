package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Optional;

/**
 * One engine session: relations live until it is closed. Relation names are SQL identifiers;
 * the staged batch is {@code source}, a transform stage is its own name, and attached Weir tables
 * are {@code namespace.table}. Every engine stages, runs stages, writes, reads and measures
 * ({@link RelationCounts}, {@link CheckMeasures}); what not every engine may do is a capability
 * of its own ({@link LazyStaging}, {@link MalformedRecords}, {@link KeyedWrites},
 * {@link RejectedRows}, {@link ColumnCasts}), asked for with {@link #capability}. Used by one thread.
 */
public interface EngineSession extends AutoCloseable, RelationCounts, CheckMeasures {
    /** The relation a staged batch is known by, in stage SQL and in calls. */
    String SOURCE = "source";

    /**
     * Makes the live rows of {@code table}'s data files (those no position delete removes)
     * readable as {@code namespace.table}; an empty table when no files.
     */
    void attachTable(TableId table, TableSchema schema, List<DataFileRef> files);

    /**
     * Stages {@code batch} as relation {@code source}, keeping rows past {@code filter} when given.
     *
     * @throws dev.weir.core.error.WeirException {@code MALFORMED_INPUT} naming file and line of a bad record
     */
    RelationInfo stage(Batch batch, Optional<Batch.KeyFilter> filter);

    /**
     * Runs {@code sql} and keeps its result as relation {@code name}.
     *
     * @throws dev.weir.core.error.SqlFailure {@code TRANSFORM_FAILED} when the SQL fails (to parse, to
     *     bind, or on a value while it runs), with the engine's message and, when the engine knows it,
     *     the offset in {@code sql} of what failed
     */
    RelationInfo runStage(String name, String sql);

    /**
     * Writes the rows of {@code relation}, projected and cast to {@code target}'s schema, as
     * Parquet files under {@code target.dataDir()}, named with {@code filePrefix}, one or more per
     * partition, sorted by the layout's sort keys.
     */
    List<WrittenFile> write(String relation, TableState target, String filePrefix);

    /** Column of a rejected-rows relation: the name of the check a row failed. */
    String REJECTED_CHECK = "__weir_check_name";
    /** Column of a rejected-rows relation: why the row failed. */
    String REJECTED_REASON = "__weir_reason";
    /** Column of a rejected-rows relation: the row as a JSON object, or the raw line of a malformed record. */
    String REJECTED_RECORD = "__weir_raw_record";
    /** Column of a malformed-records relation: where the record is, {@code file:line}. */
    String REJECTED_ORIGIN = "__weir_origin";

    /** The Iceberg type name of {@code sqlType} in this engine's SQL dialect; empty when it is not a type the engine knows. */
    Optional<String> tableType(String sqlType);

    /** Runs a read-only query and returns at most {@code maxRows} rows. */
    QueryResult query(String sql, int maxRows);

    /** This session as {@code type}, when the engine has that capability. */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    void close();
}
