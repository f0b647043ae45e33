package dev.weir.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Casting a relation's columns to the types a contract declares, so that each column is written as
 * the type promised rather than the one the engine inferred, with the rows whose value does not fit
 * kept apart; the runner writes no SQL.
 */
public interface ColumnCasts {
    /** Column {@code column} is cast to {@code sqlType}, a type in the engine's dialect as a contract writes it. */
    record Cast(String column, String sqlType) {
        public Cast {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(sqlType, "sqlType is null");
        }
    }

    /** A row that did not fit: the first of its columns that did not, and why (the reason text of its reject). */
    record Misfit(String column, String reason) {
        public Misfit {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /**
     * @param cast relation {@code name} of the call
     * @param rejectedRows how many rows of the relation went to the rejected relation
     * @param first one of them, when there are any
     */
    record Casted(RelationInfo cast, long rejectedRows, Optional<Misfit> first) {
        public Casted {
            Objects.requireNonNull(cast, "cast is null");
            Objects.requireNonNull(first, "first is null");
        }
    }

    /**
     * Makes relation {@code name}: the rows of {@code relation} whose values all fit their cast,
     * with the relation's columns in order and those of {@code casts} cast to their types; and
     * relation {@code rejected}: the other rows, with the relation's columns as they were and
     * {@link EngineSession#REJECTED_CHECK} ({@code type(<column>)} of the first column whose value
     * does not fit), {@link EngineSession#REJECTED_REASON} ({@code out_of_range: <column> = <value>
     * does not fit <type>} for a number the type cannot hold, {@code type_mismatch: <column> =
     * <value> is not a valid <type>} for any other value) and {@link EngineSession#REJECTED_RECORD}
     * (the row as JSON). NULL fits every type; a number with more decimals than a decimal type's
     * scale fits, rounded, as SQL's {@code CAST} rounds it. Arguments are never null; {@code casts}
     * is not empty and names columns of the relation.
     *
     * @throws dev.weir.core.error.WeirException {@code SCHEMA_DRIFT} when a type is not one the engine knows
     */
    Casted castColumns(String name, String rejected, String relation, List<Cast> casts);
}
