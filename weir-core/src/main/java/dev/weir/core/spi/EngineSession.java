package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One engine session: relations live until it is closed. Relation names are SQL identifiers;
 * the staged batch is {@code source}, a transform stage is its own name, and attached Weir tables
 * are {@code namespace.table}.
 */
public interface EngineSession extends AutoCloseable {
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

    /** Of {@code files}, those holding at least one live row whose {@code keys} appear in {@code keysRelation}. */
    Set<String> filesMatchingKeys(List<DataFileRef> files, String keysRelation, List<String> keys);

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
    List<WrittenFile> rewriteWithout(List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix);

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

    /** Runs a read-only query and returns at most {@code maxRows} rows. */
    QueryResult query(String sql, int maxRows);

    @Override
    void close();
}
