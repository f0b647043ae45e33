package dev.weir.core.quality;

import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges what an engine measured against a check's rule: pass or fail, and the observed value and
 * threshold as the user reads them ({@code 4 of 9 rows fail}, expected {@code 0 rows}). Engines
 * only measure, so every engine gives the same verdicts and messages.
 */
final class CheckVerdicts {
    private CheckVerdicts() {}

    /**
     * The verdict on {@code measurement} for {@code check}.
     *
     * @throws IllegalArgumentException when the measurement is not of the rule's family (an engine bug)
     */
    static CheckVerdict judge(CheckSpec check, CheckMeasurement measurement) {
        CheckRule rule = check.rule();
        if (rule instanceof CheckRule.RowRule && measurement instanceof CheckMeasurement.RowViolations m) {
            return rowViolations(m);
        }
        if (rule instanceof CheckRule.Freshness r && measurement instanceof CheckMeasurement.Freshness m) {
            return freshness(r, m);
        }
        if (rule instanceof CheckRule.Volume r && measurement instanceof CheckMeasurement.Volume m) {
            return volume(r, m);
        }
        if (rule instanceof CheckRule.Referential r && measurement instanceof CheckMeasurement.Orphans m) {
            return new CheckVerdict(
                    m.orphanRows() == 0,
                    m.orphanRows() + " rows without a match",
                    "every value in " + r.toTable() + "." + r.toColumn(),
                    m.orphanRows(),
                    m.sample());
        }
        if (rule instanceof CheckRule.Distribution r && measurement instanceof CheckMeasurement.Distribution m) {
            return distribution(r, m);
        }
        if (rule instanceof CheckRule.Reconciliation r && measurement instanceof CheckMeasurement.Reconciliation m) {
            return reconciliation(r, m);
        }
        if (rule instanceof CheckRule.ViolationQuery && measurement instanceof CheckMeasurement.Violations m) {
            return new CheckVerdict(m.rows() == 0, m.rows() + " violations", "0 violations", m.rows(), m.sample());
        }
        throw new IllegalArgumentException(
                "Cannot judge check " + check.name() + ": a " + rule.type() + " rule cannot be judged on "
                        + measurement.getClass().getSimpleName() + " measurement " + measurement);
    }

    /** The verdict on a row-level rule whose {@code failingRows} of {@code checkedRows} fail. */
    static CheckVerdict rowViolations(CheckMeasurement.RowViolations m) {
        return new CheckVerdict(
                m.failingRows() == 0,
                m.failingRows() + " of " + m.checkedRows() + " rows fail",
                "0 rows",
                m.failingRows(),
                m.sample());
    }

    private static CheckVerdict freshness(CheckRule.Freshness rule, CheckMeasurement.Freshness m) {
        String threshold = "newest at most " + number(rule.maxAgeHours()) + " h old";
        if (m.newest().isEmpty()) {
            return new CheckVerdict(false, "no value", threshold, 1, List.of());
        }
        double ageHours = m.ageHours().getAsDouble();
        boolean passed = ageHours <= rule.maxAgeHours();
        return tableLevel(passed, "newest " + m.newest().get() + ", " + number(ageHours) + " h old", threshold);
    }

    private static CheckVerdict volume(CheckRule.Volume rule, CheckMeasurement.Volume m) {
        long rows = m.rows();
        List<String> limits = new ArrayList<>();
        boolean passed = true;
        if (rule.minRows().isPresent() || rule.maxRows().isPresent()) {
            limits.add("rows in ["
                    + (rule.minRows().isPresent() ? rule.minRows().getAsLong() : 0) + ", "
                    + (rule.maxRows().isPresent() ? Long.toString(rule.maxRows().getAsLong()) : "∞") + "]");
            passed = rows >= rule.minRows().orElse(0) && rows <= rule.maxRows().orElse(Long.MAX_VALUE);
        }
        String observed = rows + " rows";
        if (rule.maxChangePercent().isPresent()) {
            limits.add("change at most " + number(rule.maxChangePercent().getAsDouble()) + "%");
            if (m.previousRows().isPresent()) {
                long before = m.previousRows().getAsLong();
                double change = before == 0
                        ? (rows == 0 ? 0 : Double.POSITIVE_INFINITY)
                        : 100.0 * Math.abs(rows - before) / before;
                observed += " (" + (rows >= before ? "+" : "-") + number(change) + "% against " + before + ")";
                passed &= change <= rule.maxChangePercent().getAsDouble();
            } else {
                observed += " (no earlier state to compare with)";
            }
        }
        return tableLevel(passed, observed, String.join(", ", limits));
    }

    private static CheckVerdict distribution(CheckRule.Distribution rule, CheckMeasurement.Distribution m) {
        List<String> limits = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        boolean passed = true;
        if (rule.maxSharePercent().isPresent()) {
            double max = rule.maxSharePercent().getAsDouble();
            limits.add("no value above " + number(max) + "% of rows");
            if (m.largest().isPresent()) {
                CheckMeasurement.ValueShare largest = m.largest().get();
                observed.add("largest " + text(largest) + " at " + number(largest.percent()) + "%");
                passed = largest.percent() <= max;
            }
        }
        if (rule.maxDriftPercent().isPresent()) {
            double max = rule.maxDriftPercent().getAsDouble();
            limits.add("no share moving more than " + number(max) + " points");
            if (!m.comparedWithPrevious()) {
                observed.add("no earlier state to compare with");
            } else if (m.largestMove().isPresent()) {
                CheckMeasurement.ValueShare moved = m.largestMove().get();
                observed.add("share of " + text(moved) + " moved " + number(moved.percent()) + " points");
                passed &= moved.percent() <= max;
            }
        }
        return tableLevel(
                passed, observed.isEmpty() ? "no rows" : String.join("; ", observed), String.join(", ", limits));
    }

    private static String text(CheckMeasurement.ValueShare share) {
        return share.value().orElse("NULL");
    }

    /**
     * The aggregates agree when they differ by at most {@code tolerance_percent} of the source's
     * value (plus a rounding margin); a NULL aggregate counts as 0.
     */
    private static CheckVerdict reconciliation(CheckRule.Reconciliation rule, CheckMeasurement.Reconciliation m) {
        double expected = m.sourceValue().orElse(0);
        double actual = m.targetValue().orElse(0);
        double variance = Math.abs(expected - actual);
        double allowed = Math.abs(expected) * rule.tolerancePercent() / 100.0;
        boolean passed = variance <= allowed + 1e-9 * Math.max(1, Math.abs(expected));
        String percent = expected == 0 ? (variance == 0 ? "0" : "∞") : number(100.0 * variance / Math.abs(expected));
        return tableLevel(
                passed,
                "target " + number(actual) + ", source " + number(expected) + " (" + percent + "% apart)",
                "within " + number(rule.tolerancePercent()) + "%");
    }

    /** A table-level verdict: it fails as a whole, as one failing row. */
    private static CheckVerdict tableLevel(boolean passed, String observed, String threshold) {
        return new CheckVerdict(passed, observed, threshold, passed ? 0 : 1, List.of());
    }

    /** A whole number without decimals ({@code 50}), any other with two ({@code 33.33}). */
    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
