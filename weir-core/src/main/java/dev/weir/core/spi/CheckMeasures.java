package dev.weir.core.spi;

import dev.weir.core.quality.CheckMeasurement;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckSpec;
import java.util.List;

/** Measuring quality checks and splitting rows on them; core judges what the engine measures. */
public interface CheckMeasures {
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
     * {@code rejected}, with their own columns plus {@link EngineSession#REJECTED_CHECK} (the first check the
     * row fails, in list order), {@link EngineSession#REJECTED_REASON} (what is wrong, naming the value) and
     * {@link EngineSession#REJECTED_RECORD} (the row as a JSON object).
     *
     * @return the passing relation
     * @throws dev.weir.core.error.WeirException {@code CHECK_ERROR} when a check cannot be evaluated
     */
    RelationInfo splitOnChecks(String passing, String rejected, List<CheckSpec> checks, CheckTarget target);
}
