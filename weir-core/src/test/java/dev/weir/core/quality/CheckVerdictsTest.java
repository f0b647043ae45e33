package dev.weir.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CheckVerdictsTest {
    private static CheckVerdict judge(CheckRule rule, CheckMeasurement measurement) {
        return CheckVerdicts.judge(
                new CheckSpec(CheckSpec.defaultName(rule), rule, Severity.P1, true, "contracts/orders.yaml:3"),
                measurement);
    }

    private static CheckVerdict verdict(boolean passed, String observed, String threshold) {
        return new CheckVerdict(passed, observed, threshold, passed ? 0 : 1, List.of());
    }

    @Nested
    class RowRules {
        private final CheckRule notNull = new CheckRule.NotNull("status");

        @Test
        void passWhenNoRowFails() {
            assertThat(judge(notNull, new CheckMeasurement.RowViolations(0, 9, List.of())))
                    .isEqualTo(new CheckVerdict(true, "0 of 9 rows fail", "0 rows", 0, List.of()));
        }

        @Test
        void failWithTheFailingRowsAndTheirSample() {
            assertThat(judge(
                            new CheckRule.Unique(List.of("order_id")),
                            new CheckMeasurement.RowViolations(4, 9, List.of("{\"order_id\":2}"))))
                    .isEqualTo(new CheckVerdict(false, "4 of 9 rows fail", "0 rows", 4, List.of("{\"order_id\":2}")));
        }

        @Test
        void anEmptyRelationPasses() {
            assertThat(judge(
                                    new CheckRule.Expression("quantity > 0"),
                                    new CheckMeasurement.RowViolations(0, 0, List.of()))
                            .observed())
                    .isEqualTo("0 of 0 rows fail");
        }

        @Test
        void aMeasurementOfAnotherFamilyIsAnEngineBug() {
            assertThatThrownBy(() -> judge(notNull, new CheckMeasurement.Volume(3, OptionalLong.empty())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "Cannot judge check not_null(status): a not_null rule cannot be judged on Volume measurement ");
        }
    }

    @Nested
    class Freshness {
        private final CheckRule rule = new CheckRule.Freshness("updated_at", 2);

        @Test
        void aValueExactlyAsOldAsAllowedPasses() {
            assertThat(judge(rule, CheckMeasurement.Freshness.of("2024-03-01 08:00:00", 2.0)))
                    .isEqualTo(verdict(true, "newest 2024-03-01 08:00:00, 2 h old", "newest at most 2 h old"));
        }

        @Test
        void anOlderValueFailsAsOneRow() {
            assertThat(judge(
                            new CheckRule.Freshness("updated_at", 2.5),
                            CheckMeasurement.Freshness.of("2024-03-01 08:00:00", 3.004)))
                    .isEqualTo(verdict(false, "newest 2024-03-01 08:00:00, 3.00 h old", "newest at most 2.50 h old"));
        }

        @Test
        void noValueFails() {
            assertThat(judge(rule, CheckMeasurement.Freshness.noValue()))
                    .isEqualTo(verdict(false, "no value", "newest at most 2 h old"));
        }

        @Test
        void anAgeThatIsNotANumberFails() {
            assertThat(judge(rule, CheckMeasurement.Freshness.of("x", Double.NaN)))
                    .isEqualTo(verdict(false, "newest x, NaN h old", "newest at most 2 h old"));
        }
    }

    @Nested
    class Volume {
        private static CheckRule bounds(long min, long max) {
            return new CheckRule.Volume(OptionalLong.of(min), OptionalLong.of(max), OptionalDouble.empty());
        }

        private static CheckRule change(double percent) {
            return new CheckRule.Volume(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.of(percent));
        }

        private static CheckMeasurement rows(long rows, long previous) {
            return new CheckMeasurement.Volume(rows, OptionalLong.of(previous));
        }

        @Test
        void boundsAreInclusive() {
            assertThat(judge(bounds(1, 10), new CheckMeasurement.Volume(10, OptionalLong.empty())))
                    .isEqualTo(verdict(true, "10 rows", "rows in [1, 10]"));
            assertThat(judge(bounds(1, 10), new CheckMeasurement.Volume(1, OptionalLong.empty()))
                            .passed())
                    .isTrue();
            assertThat(judge(bounds(1, 10), new CheckMeasurement.Volume(11, OptionalLong.empty())))
                    .isEqualTo(verdict(false, "11 rows", "rows in [1, 10]"));
            assertThat(judge(bounds(1, 10), new CheckMeasurement.Volume(0, OptionalLong.empty()))
                            .passed())
                    .isFalse();
        }

        @Test
        void aMissingBoundIsZeroOrInfinite() {
            CheckRule atLeast = new CheckRule.Volume(OptionalLong.of(5), OptionalLong.empty(), OptionalDouble.empty());
            CheckRule atMost = new CheckRule.Volume(OptionalLong.empty(), OptionalLong.of(3), OptionalDouble.empty());

            assertThat(judge(atLeast, new CheckMeasurement.Volume(Long.MAX_VALUE, OptionalLong.empty()))
                            .threshold())
                    .isEqualTo("rows in [5, ∞]");
            assertThat(judge(atMost, new CheckMeasurement.Volume(0, OptionalLong.empty())))
                    .isEqualTo(verdict(true, "0 rows", "rows in [0, 3]"));
        }

        @Test
        void changeComparesWithThePreviousState() {
            CheckRule rule = new CheckRule.Volume(OptionalLong.of(1), OptionalLong.empty(), OptionalDouble.of(50));

            assertThat(judge(rule, rows(4, 2)))
                    .isEqualTo(verdict(false, "4 rows (+100% against 2)", "rows in [1, ∞], change at most 50%"));
        }

        @Test
        void aChangeEqualToTheLimitPassesEitherWay() {
            assertThat(judge(change(50), rows(150, 100)))
                    .isEqualTo(verdict(true, "150 rows (+50% against 100)", "change at most 50%"));
            assertThat(judge(change(50), rows(50, 100)))
                    .isEqualTo(verdict(true, "50 rows (-50% against 100)", "change at most 50%"));
            assertThat(judge(change(50), rows(49, 100)).passed()).isFalse();
        }

        @Test
        void aFractionalChangeHasTwoDecimals() {
            assertThat(judge(change(12.5), rows(3, 7)))
                    .isEqualTo(verdict(false, "3 rows (-57.14% against 7)", "change at most 12.50%"));
        }

        @Test
        void fromZeroPreviousRowsNoChangeIsZeroAndAnyRowIsAnInfiniteChange() {
            assertThat(judge(change(50), rows(0, 0)))
                    .isEqualTo(verdict(true, "0 rows (+0% against 0)", "change at most 50%"));
            assertThat(judge(change(50), rows(3, 0)))
                    .isEqualTo(verdict(false, "3 rows (+Infinity% against 0)", "change at most 50%"));
        }

        @Test
        void withoutAPreviousStateTheChangeIsSkipped() {
            CheckRule rule = new CheckRule.Volume(OptionalLong.of(1), OptionalLong.of(2), OptionalDouble.of(10));

            assertThat(judge(rule, new CheckMeasurement.Volume(2, OptionalLong.empty())))
                    .isEqualTo(verdict(
                            true, "2 rows (no earlier state to compare with)", "rows in [1, 2], change at most 10%"));
            assertThat(judge(rule, new CheckMeasurement.Volume(3, OptionalLong.empty()))
                            .passed())
                    .isFalse();
        }
    }

    @Nested
    class Referential {
        private final CheckRule rule =
                new CheckRule.Referential("customer_id", new TableId("silver", "customers"), "customer_id");

        @Test
        void passesWithoutOrphans() {
            assertThat(judge(rule, new CheckMeasurement.Orphans(0, List.of())))
                    .isEqualTo(verdict(true, "0 rows without a match", "every value in silver.customers.customer_id"));
        }

        @Test
        void failsWithEachOrphanRow() {
            assertThat(judge(rule, new CheckMeasurement.Orphans(3, List.of("{\"customer_id\":99}"))))
                    .isEqualTo(new CheckVerdict(
                            false,
                            "3 rows without a match",
                            "every value in silver.customers.customer_id",
                            3,
                            List.of("{\"customer_id\":99}")));
        }
    }

    @Nested
    class Distribution {
        private static CheckRule share(double max) {
            return new CheckRule.Distribution("status", OptionalDouble.of(max), OptionalDouble.empty());
        }

        private static CheckRule drift(double max) {
            return new CheckRule.Distribution("status", OptionalDouble.empty(), OptionalDouble.of(max));
        }

        private static Optional<CheckMeasurement.ValueShare> value(String value, double percent) {
            return Optional.of(new CheckMeasurement.ValueShare(Optional.ofNullable(value), percent));
        }

        @Test
        void theLargestShareMayReachTheLimit() {
            CheckMeasurement half = new CheckMeasurement.Distribution(value("2", 50), false, Optional.empty());

            assertThat(judge(share(40), half))
                    .isEqualTo(verdict(false, "largest 2 at 50%", "no value above 40% of rows"));
            assertThat(judge(share(50), half).passed()).isTrue();
        }

        @Test
        void aNullValueIsNamedNull() {
            assertThat(judge(share(20), new CheckMeasurement.Distribution(value(null, 33.333), false, Optional.empty()))
                            .observed())
                    .isEqualTo("largest NULL at 33.33%");
        }

        @Test
        void noRowsPass() {
            assertThat(judge(share(20), new CheckMeasurement.Distribution(Optional.empty(), false, Optional.empty())))
                    .isEqualTo(verdict(true, "no rows", "no value above 20% of rows"));
            assertThat(judge(drift(20), new CheckMeasurement.Distribution(Optional.empty(), true, Optional.empty())))
                    .isEqualTo(verdict(true, "no rows", "no share moving more than 20 points"));
        }

        @Test
        void driftComparesWithThePreviousState() {
            assertThat(judge(drift(20), new CheckMeasurement.Distribution(Optional.empty(), true, value(null, 25))))
                    .isEqualTo(verdict(false, "share of NULL moved 25 points", "no share moving more than 20 points"));
            assertThat(judge(drift(25), new CheckMeasurement.Distribution(Optional.empty(), true, value(null, 25)))
                            .passed())
                    .isTrue();
        }

        @Test
        void withoutAPreviousStateTheDriftIsSkipped() {
            assertThat(judge(drift(20), new CheckMeasurement.Distribution(Optional.empty(), false, Optional.empty())))
                    .isEqualTo(
                            verdict(true, "no earlier state to compare with", "no share moving more than 20 points"));
        }

        @Test
        void bothLimitsAreJudgedAndReported() {
            CheckRule rule = new CheckRule.Distribution("status", OptionalDouble.of(60), OptionalDouble.of(10));

            assertThat(judge(rule, new CheckMeasurement.Distribution(value("paid", 50), true, value("placed", 12.5))))
                    .isEqualTo(verdict(
                            false,
                            "largest paid at 50%; share of placed moved 12.50 points",
                            "no value above 60% of rows, no share moving more than 10 points"));
            assertThat(judge(rule, new CheckMeasurement.Distribution(value("paid", 70), true, value("placed", 5)))
                            .passed())
                    .isFalse();
        }
    }

    @Nested
    class Reconciliation {
        private static CheckRule within(double percent) {
            return new CheckRule.Reconciliation(Optional.empty(), "count(*)", "count(*)", percent);
        }

        private static CheckMeasurement values(double source, double target) {
            return new CheckMeasurement.Reconciliation(OptionalDouble.of(source), OptionalDouble.of(target));
        }

        @Test
        void aDifferenceBeyondTheToleranceFails() {
            assertThat(judge(within(10), values(3, 4)))
                    .isEqualTo(verdict(false, "target 4, source 3 (33.33% apart)", "within 10%"));
        }

        @Test
        void aDifferenceEqualToTheTolerancePasses() {
            assertThat(judge(within(10), values(100, 110)))
                    .isEqualTo(verdict(true, "target 110, source 100 (10% apart)", "within 10%"));
            assertThat(judge(within(10), values(-100, -90)).passed()).isTrue();
            assertThat(judge(within(10), values(100, 110.01)).passed()).isFalse();
        }

        @Test
        void roundingErrorsAreTolerated() {
            assertThat(judge(within(0), values(0.3, 0.1 + 0.2)).passed()).isTrue();
            assertThat(judge(within(2.5), values(8, 8)).threshold()).isEqualTo("within 2.50%");
        }

        @Test
        void againstZeroOnlyZeroAgrees() {
            assertThat(judge(within(10), values(0, 0)))
                    .isEqualTo(verdict(true, "target 0, source 0 (0% apart)", "within 10%"));
            assertThat(judge(within(10), values(0, 5)))
                    .isEqualTo(verdict(false, "target 5, source 0 (∞% apart)", "within 10%"));
        }

        @Test
        void aNullAggregateCountsAsZero() {
            CheckMeasurement noRows =
                    new CheckMeasurement.Reconciliation(OptionalDouble.empty(), OptionalDouble.empty());
            CheckMeasurement targetEmpty =
                    new CheckMeasurement.Reconciliation(OptionalDouble.of(7), OptionalDouble.empty());

            assertThat(judge(within(0), noRows)).isEqualTo(verdict(true, "target 0, source 0 (0% apart)", "within 0%"));
            assertThat(judge(within(0), targetEmpty))
                    .isEqualTo(verdict(false, "target 0, source 7 (100% apart)", "within 0%"));
        }

        @Test
        void anAggregateThatIsNotANumberFails() {
            assertThat(judge(within(10), values(Double.NaN, 3)))
                    .isEqualTo(verdict(false, "target 3, source NaN (NaN% apart)", "within 10%"));
            assertThat(judge(within(10), values(3, Double.NaN)).passed()).isFalse();
        }
    }

    @Nested
    class ViolationQuery {
        private final CheckRule rule = new CheckRule.ViolationQuery("SELECT * FROM {{ this }} WHERE total < 0");

        @Test
        void passesWhenTheQueryReturnsNothing() {
            assertThat(judge(rule, new CheckMeasurement.Violations(0, List.of())))
                    .isEqualTo(new CheckVerdict(true, "0 violations", "0 violations", 0, List.of()));
        }

        @Test
        void failsWithEachViolation() {
            assertThat(judge(rule, new CheckMeasurement.Violations(2, List.of("{\"id\":1}", "{\"id\":2}"))))
                    .isEqualTo(new CheckVerdict(
                            false, "2 violations", "0 violations", 2, List.of("{\"id\":1}", "{\"id\":2}")));
        }
    }

    @Test
    void numbersAreWholeOrHaveTwoDecimals() {
        assertThat(CheckVerdicts.number(50)).isEqualTo("50");
        assertThat(CheckVerdicts.number(-3)).isEqualTo("-3");
        assertThat(CheckVerdicts.number(33.3333)).isEqualTo("33.33");
        assertThat(CheckVerdicts.number(0.005)).isEqualTo("0.01");
        assertThat(CheckVerdicts.number(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(CheckVerdicts.number(Double.NaN)).isEqualTo("NaN");
    }
}
