package dev.weir.core.spi;

import java.util.List;
import java.util.Set;

/**
 * An engine that changes rows by key in existing tables: upserts and merges (copy-on-write and
 * merge-on-read) and compaction.
 */
public interface KeyedWrites {
    /** Keeps the rows of {@code relation} for which {@code predicate} holds (or not) as relation {@code name}. */
    RelationInfo filter(String name, String relation, String predicate, boolean keepMatching);

    /**
     * Splits {@code relation} on NULLs in {@code columns}: the rows where at least one of them is
     * NULL become relation {@code rejected}, with their own columns plus
     * {@link EngineSession#REJECTED_CHECK} ({@code check}), {@link EngineSession#REJECTED_REASON}
     * (each of {@code columns} that is NULL in the row, in list order, as {@code "c is NULL"},
     * joined by {@code ", "}) and {@link EngineSession#REJECTED_RECORD} (the row as a JSON object);
     * the other rows become relation {@code passing}. {@code columns} is not empty.
     *
     * @return the passing relation
     * @throws dev.weir.core.error.WeirException {@code LOAD_REJECTED} when a column is missing
     */
    RelationInfo splitOnNulls(String passing, String rejected, String relation, List<String> columns, String check);

    /**
     * Of {@code files} (of a table with {@code schema}), those holding at least one live row whose
     * {@code keys} appear in {@code keysRelation}.
     */
    Set<String> filesMatchingKeys(List<DataFileRef> files, TableSchema schema, String keysRelation, List<String> keys);

    /**
     * Writes the live rows of {@code files} whose {@code keys} do not appear in {@code keysRelation},
     * as replacements for those files (same layout and naming rules as {@link EngineSession#write}).
     */
    List<WrittenFile> rewriteWithout(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix);

    /** Writes the live rows of {@code files} as replacements for them (compaction); same rules as {@link EngineSession#write}. */
    List<WrittenFile> rewrite(List<DataFileRef> files, TableState target, String filePrefix);

    /**
     * Writes position deletes for the live rows of {@code files} whose {@code keys} appear in
     * {@code keysRelation}: one delete file per data file that holds such rows, next to it under
     * {@code target.dataDir()}, named with {@code filePrefix}. Each also lists the positions the
     * data file's existing deletes remove, so that it can replace them.
     */
    List<WrittenDeleteFile> deleteRowsMatchingKeys(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix);
}
