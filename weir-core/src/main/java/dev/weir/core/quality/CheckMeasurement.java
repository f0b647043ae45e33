package dev.weir.core.quality;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What an engine measured for one check, one record per rule family: raw counts, values and a few
 * failing rows as JSON objects. It holds no verdict and no message; {@link CheckVerdicts} judges it
 * against the rule, so every engine shares the same verdicts. Values are text as the engine renders
 * them ({@code 2024-03-01 08:00:00}); an empty value is SQL NULL.
 */
public sealed interface CheckMeasurement {
    /**
     * A row-level rule ({@code not_null}, {@code unique}, {@code range}, {@code enum},
     * {@code regex}, {@code custom}): the rows that fail it, the rows checked, and some failing rows.
     */
    record RowViolations(long failingRows, long checkedRows, List<String> sample) implements CheckMeasurement {
        public RowViolations {
            requireCount(failingRows, "failingRows");
            requireCount(checkedRows, "checkedRows");
            sample = List.copyOf(sample);
        }
    }

    /**
     * {@code freshness}: the newest value of the column, as text, and its age in hours at the time
     * of measuring (negative for a value in the future); both empty when the column has no value.
     */
    record Freshness(Optional<String> newest, OptionalDouble ageHours) implements CheckMeasurement {
        public Freshness {
            Objects.requireNonNull(newest, "newest is null");
            Objects.requireNonNull(ageHours, "ageHours is null");
            if (newest.isPresent() != ageHours.isPresent()) {
                throw new IllegalArgumentException("newest and ageHours go together");
            }
        }

        public static Freshness noValue() {
            return new Freshness(Optional.empty(), OptionalDouble.empty());
        }

        public static Freshness of(String newest, double ageHours) {
            return new Freshness(Optional.of(newest), OptionalDouble.of(ageHours));
        }
    }

    /**
     * {@code volume}: the rows of the checked relation and, when the rule limits the change and
     * there is a previous state, the rows of that state.
     */
    record Volume(long rows, OptionalLong previousRows) implements CheckMeasurement {
        public Volume {
            requireCount(rows, "rows");
            Objects.requireNonNull(previousRows, "previousRows is null");
            previousRows.ifPresent(n -> requireCount(n, "previousRows"));
        }
    }

    /**
     * {@code referential}: the rows whose non-NULL value has no match in the parent table, and
     * some of them.
     */
    record Orphans(long orphanRows, List<String> sample) implements CheckMeasurement {
        public Orphans {
            requireCount(orphanRows, "orphanRows");
            sample = List.copyOf(sample);
        }
    }

    /**
     * {@code distribution}, each part measured only when the rule asks for it. {@code largest} is
     * the value holding the largest share of the rows, in percent; empty without rows.
     * {@code comparedWithPrevious} says whether there was a previous state to compare with;
     * {@code largestMove} is then the value whose share moved most between the two states, in
     * percentage points (empty when neither has rows). Ties go to the value first in text order,
     * NULL sorting as the text {@code NULL}.
     */
    record Distribution(Optional<ValueShare> largest, boolean comparedWithPrevious, Optional<ValueShare> largestMove)
            implements CheckMeasurement {
        public Distribution {
            Objects.requireNonNull(largest, "largest is null");
            Objects.requireNonNull(largestMove, "largestMove is null");
            if (largestMove.isPresent() && !comparedWithPrevious) {
                throw new IllegalArgumentException("largestMove needs a previous state");
            }
        }
    }

    /** A value of a column (empty for NULL) and a share of rows, or a move of a share, in percent. */
    record ValueShare(Optional<String> value, double percent) {
        public ValueShare {
            Objects.requireNonNull(value, "value is null");
        }
    }

    /**
     * {@code reconciliation}: the rule's aggregate over the source and over the checked relation,
     * as numbers; empty when an aggregate is NULL (no rows).
     */
    record Reconciliation(OptionalDouble sourceValue, OptionalDouble targetValue) implements CheckMeasurement {
        public Reconciliation {
            Objects.requireNonNull(sourceValue, "sourceValue is null");
            Objects.requireNonNull(targetValue, "targetValue is null");
        }
    }

    /** {@code custom_sql}: the rows the violation query returned, and some of them. */
    record Violations(long rows, List<String> sample) implements CheckMeasurement {
        public Violations {
            requireCount(rows, "rows");
            sample = List.copyOf(sample);
        }
    }

    private static void requireCount(long count, String name) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " is negative: " + count);
        }
    }
}
