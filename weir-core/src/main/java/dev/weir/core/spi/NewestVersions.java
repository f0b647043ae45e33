package dev.weir.core.spi;

import java.util.List;

/**
 * Newest-wins upserts and merges ({@code load.sequence_by}): an engine that keeps, of the versions
 * of a key, the one with the greatest sequence value, within a batch and against a table. Relation
 * names are as in {@link EngineSession}; arguments are never null; {@code keys} is not empty. Used
 * by one thread, like its session.
 */
public interface NewestVersions {
    /**
     * How many different rows of {@code relation} hold the greatest {@code sequence} value of their
     * {@code keys} together with another, different row: rows no order chooses between. Identical
     * rows count once; rows whose sequence value is NULL are never the greatest.
     *
     * @throws dev.weir.core.error.WeirException {@code LOAD_REJECTED} when a column is missing
     */
    long tiedNewestRows(String relation, List<String> keys, String sequence);

    /**
     * Keeps of {@code relation}, as relation {@code name}, the rows holding the greatest
     * {@code sequence} value of their {@code keys}, identical rows once: one row per key unless
     * {@link #tiedNewestRows} found ties.
     *
     * @return the new relation
     * @throws dev.weir.core.error.WeirException {@code LOAD_REJECTED} when a column is missing
     */
    RelationInfo newestPerKey(String name, String relation, List<String> keys, String sequence);

    /**
     * Keeps the rows of {@code relation} that are newer than the table, as relation {@code name}:
     * those whose {@code keys} no live row of {@code files} (data files of a table with
     * {@code schema}, position deletes applied) holds, and those whose {@code sequence} value is
     * greater than the value of the table's row with their keys. A table row whose value is NULL is
     * older than any version; a value equal to the table's is not newer.
     *
     * @return the new relation
     * @throws dev.weir.core.error.WeirException {@code LOAD_REJECTED} when a column is missing or
     *     the values cannot be compared
     */
    RelationInfo newerThanTable(
            String name,
            String relation,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            String sequence);
}
