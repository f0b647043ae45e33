package dev.weir.core.spec.load;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a check is declared, which decides the columns it may name and its defaults.
 *
 * @param ownColumn the contract column whose {@code checks} hold the check: the check's column, never written
 * @param declaredColumns a contract's columns, the only ones its checks may name; empty in a pipeline
 * @param defaultMaxAgeHours a freshness check's {@code max_age_hours} when it writes none: the contract's SLA
 */
record CheckScope(
        Optional<String> ownColumn, Optional<List<String>> declaredColumns, OptionalDouble defaultMaxAgeHours) {
    CheckScope {
        Objects.requireNonNull(ownColumn, "ownColumn is null");
        declaredColumns = declaredColumns.map(List::copyOf);
        Objects.requireNonNull(defaultMaxAgeHours, "defaultMaxAgeHours is null");
    }

    /** A pipeline's {@code quality_gates}: any column of the checked relation, no defaults. */
    static CheckScope qualityGate() {
        return new CheckScope(Optional.empty(), Optional.empty(), OptionalDouble.empty());
    }

    /** A contract's table-level {@code checks}. */
    static CheckScope contract(List<String> columns, OptionalDouble slaFreshnessHours) {
        return new CheckScope(Optional.empty(), Optional.of(columns), slaFreshnessHours);
    }

    /** The {@code checks} of the contract column {@code column}. */
    CheckScope column(String column) {
        return new CheckScope(Optional.of(column), declaredColumns, defaultMaxAgeHours);
    }

    boolean inContract() {
        return declaredColumns.isPresent();
    }
}
