package dev.weir.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counting the rows of a session's relations, for the runner: it asks in names and columns and
 * writes no SQL, so every engine quotes and queries in its own dialect. Relation names are as
 * elsewhere in {@link EngineSession}: a session relation, or {@code namespace.table} for an
 * attached Weir table. Arguments are never null.
 */
public interface RelationCounts {
    /**
     * The rows of {@code relation}.
     *
     * @throws dev.weir.core.error.WeirException {@code INTERNAL} when there is no such relation
     */
    long count(String relation);

    /**
     * The rows of {@code relation} per value of {@code column}, the value as text; rows where it is
     * NULL are not counted. Empty when there are no such rows.
     *
     * @throws dev.weir.core.error.WeirException {@code INTERNAL} when there is no such relation or column
     */
    Map<String, Long> countBy(String relation, String column);

    /**
     * The rows of {@code relation} where at least one of {@code columns} is NULL.
     *
     * @throws IllegalArgumentException when {@code columns} is empty
     * @throws dev.weir.core.error.WeirException {@code INTERNAL} when there is no such relation or column
     */
    long countAnyNull(String relation, List<String> columns);

    /**
     * The greatest value of {@code column} in {@code relation}, compared in {@code type} when given (an
     * SQL type the column is converted to; values that do not convert are left out), as text in that
     * type; empty when no rows.
     */
    Optional<String> maxValue(String relation, String column, Optional<String> type);

    /** The smallest and greatest value of {@code column} in {@code relation}; empty when no rows. */
    Optional<KeyRange> range(String relation, String column);

    /** How many rows of {@code relation} share their {@code keys} with another row. */
    long duplicateKeyRows(String relation, List<String> keys);
}
