package dev.weir.core.spi;

import dev.weir.core.quality.CheckMeasurement;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One engine session: relations live until it is closed. Relation names are SQL identifiers;
 * the staged batch is {@code source}, a transform stage is its own name, and attached Weir tables
 * are {@code namespace.table}.
 */
public interface EngineSession extends AutoCloseable, RelationCounts, RejectedRows {
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
     * Like {@link #stage}, but the records of a CSV batch that cannot be parsed (a wrong number of
     * columns, a value that does not convert to its declared type, bad encoding, an unterminated
     * quote) are not staged: each becomes one row of relation {@code malformed}, with
     * {@link #REJECTED_CHECK} {@code parse}, {@link #REJECTED_REASON}, {@link #REJECTED_RECORD}
     * (the raw line) and {@link #REJECTED_ORIGIN} ({@code file:line}). Other formats are staged as
     * by {@link #stage} and fail on a malformed record; {@code malformed} is then empty.
     */
    RelationInfo stageKeepingMalformed(Batch batch, Optional<Batch.KeyFilter> filter, String malformed);

    /**
     * Defines relation {@code source} over {@code batch} without reading it, for a batch that is
     * loaded unchanged: the load then streams the input into table files in one pass. Malformed
     * records surface when the relation is written, as {@code MALFORMED_INPUT} naming file and line.
     *
     * @return the batch's columns
     */
    TableSchema stageLazily(Batch batch);

    /**
     * Runs {@code sql} and keeps its result as relation {@code name}.
     *
     * @throws dev.weir.core.error.WeirException {@code TRANSFORM_FAILED} when the SQL fails
     */
    RelationInfo runStage(String name, String sql);

    /** Keeps the rows of {@code relation} for which {@code predicate} holds (or not) as relation {@code name}. */
    RelationInfo filter(String name, String relation, String predicate, boolean keepMatching);

    /** The greatest value of {@code column} in {@code relation}, as text; empty when no rows. */
    Optional<String> maxValue(String relation, String column);

    /** The smallest and greatest value of {@code column} in {@code relation}; empty when no rows. */
    Optional<KeyRange> range(String relation, String column);

    /** How many rows of {@code relation} share their {@code keys} with another row. */
    long duplicateKeyRows(String relation, List<String> keys);

    /**
     * Of {@code files} (of a table with {@code schema}), those holding at least one live row whose
     * {@code keys} appear in {@code keysRelation}.
     */
    Set<String> filesMatchingKeys(List<DataFileRef> files, TableSchema schema, String keysRelation, List<String> keys);

    /**
     * Writes the rows of {@code relation}, projected and cast to {@code target}'s schema, as
     * Parquet files under {@code target.dataDir()}, named with {@code filePrefix}, one or more per
     * partition, sorted by the layout's sort keys.
     */
    List<WrittenFile> write(String relation, TableState target, String filePrefix);

    /**
     * Writes the live rows of {@code files} whose {@code keys} do not appear in {@code keysRelation},
     * as replacements for those files (same layout and naming rules as {@link #write}).
     */
    List<WrittenFile> rewriteWithout(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix);

    /** Writes the live rows of {@code files} as replacements for them (compaction); same rules as {@link #write}. */
    List<WrittenFile> rewrite(List<DataFileRef> files, TableState target, String filePrefix);

    /**
     * Writes position deletes for the live rows of {@code files} whose {@code keys} appear in
     * {@code keysRelation}: one delete file per data file that holds such rows, next to it under
     * {@code target.dataDir()}, named with {@code filePrefix}. Each also lists the positions the
     * data file's existing deletes remove, so that it can replace them.
     */
    List<WrittenDeleteFile> deleteRowsMatchingKeys(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix);

    /**
     * Measures what {@code check} needs over {@code target}, keeping at most {@code sampleSize}
     * failing rows: the {@link CheckMeasurement} record of the rule's family, with raw counts,
     * values and sample rows only. Core judges it; the engine gives no verdict. A reconciliation
     * without {@code params.source} needs {@code target.batch()}.
     *
     * @throws dev.weir.core.error.WeirException {@code CHECK_ERROR} when the check cannot be
     *     evaluated (a missing column, invalid SQL in a custom check)
     */
    CheckMeasurement measure(CheckSpec check, CheckTarget target, int sampleSize);

    /**
     * Splits {@code target.relation()} on the row-level {@code checks}: the rows that pass them all
     * become relation {@code passing}; the rows failing at least one become relation
     * {@code rejected}, with their own columns plus {@link #REJECTED_CHECK} (the first check the
     * row fails, in list order), {@link #REJECTED_REASON} (what is wrong, naming the value) and
     * {@link #REJECTED_RECORD} (the row as a JSON object).
     *
     * @return the passing relation
     * @throws dev.weir.core.error.WeirException {@code CHECK_ERROR} when a check cannot be evaluated
     */
    RelationInfo splitOnChecks(String passing, String rejected, List<CheckSpec> checks, CheckTarget target);

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

    @Override
    void close();
}
