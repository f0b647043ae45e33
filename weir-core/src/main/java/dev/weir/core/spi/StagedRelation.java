package dev.weir.core.spi;

import java.util.Optional;

/** What a {@link BatchEnd} may ask of a batch once the engine has staged it. Used by one thread, during the run. */
public interface StagedRelation {
    /**
     * The greatest value of {@code column} among the staged rows, compared in {@code type} when given
     * (an SQL type the column is converted to), as text; empty when no row has one.
     */
    Optional<String> maxValue(String column, Optional<String> type);
}
