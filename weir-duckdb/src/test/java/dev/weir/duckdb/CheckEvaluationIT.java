package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckMeasurement;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckRunner;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckEvaluationIT {
    private static final CheckTarget ORDERS = CheckTarget.of("orders");

    @TempDir
    Path dir;

    private EngineSession session;

    @BeforeEach
    void open() {
        session = new DuckDbEngine(Optional.of("1GB")).openSession(dir.resolve("scratch"));
        session.runStage(
                "orders",
                "SELECT * FROM (VALUES (1, 'paid', 3, 'a@x.org', 10), (2, 'PAID?', -1, 'bad', 11), (2, NULL, 5, NULL, 99),"
                        + " (4, 'placed', NULL, 'c@x.org', NULL)) t(order_id, status, quantity, email, customer_id)");
        session.runStage("customers", "SELECT * FROM (VALUES (10), (11)) t(customer_id)");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static CheckSpec check(CheckRule rule) {
        return new CheckSpec(CheckSpec.defaultName(rule), rule, Severity.P1, true, "contracts/orders.yaml:3");
    }

    private CheckMeasurement measure(CheckRule rule) {
        return session.measure(check(rule), ORDERS, 5);
    }

    private long failingRows(CheckRule rule) {
        return ((CheckMeasurement.RowViolations) measure(rule)).failingRows();
    }

    /** What the user reads: the engine's measurement judged by core. */
    private CheckResult judged(CheckRule rule, CheckTarget target) {
        return new CheckRunner(session, "r1").evaluate(check(rule), CheckPhase.TEST, target);
    }

    private static Optional<CheckMeasurement.ValueShare> share(String value, double percent) {
        return Optional.of(new CheckMeasurement.ValueShare(Optional.ofNullable(value), percent));
    }

    @Test
    void notNullCountsNullRowsAndSamplesThemAsJson() {
        CheckMeasurement m = measure(new CheckRule.NotNull("status"));

        assertThat(m)
                .isEqualTo(new CheckMeasurement.RowViolations(
                        1,
                        4,
                        List.of("{\"order_id\":2,\"status\":null,\"quantity\":5,\"email\":null,\"customer_id\":99}")));
        CheckResult judged = judged(new CheckRule.NotNull("status"), ORDERS);
        assertThat(judged.passed()).isFalse();
        assertThat(judged.observed()).isEqualTo("1 of 4 rows fail");
        assertThat(judged.threshold()).isEqualTo("0 rows");
    }

    @Test
    void rangeEnumAndRegexIgnoreNullsWhichAreNotNullsJob() {
        assertThat(failingRows(new CheckRule.Range(
                        "quantity", Optional.of(new CheckRule.Literal("1", true)), Optional.empty())))
                .isEqualTo(1);
        assertThat(failingRows(new CheckRule.AcceptedValues("status", List.of("paid", "placed"))))
                .isEqualTo(1);
        assertThat(failingRows(new CheckRule.Matches("email", "[^@]+@[^@]+"))).isEqualTo(1);
    }

    @Test
    void uniqueFlagsEveryRowOfADuplicatedKeyAndKeysAlreadyInTheTable() {
        assertThat(failingRows(new CheckRule.Unique(List.of("order_id")))).isEqualTo(2);

        session.runStage("published", "SELECT 4 AS order_id");
        CheckTarget appended = new CheckTarget("orders", Optional.of("published"), Optional.empty(), Optional.empty());
        assertThat(session.measure(check(new CheckRule.Unique(List.of("order_id"))), appended, 5))
                .isInstanceOfSatisfying(
                        CheckMeasurement.RowViolations.class,
                        m -> assertThat(m.failingRows()).isEqualTo(3));
    }

    @Test
    void customExpressionFailsRowsWhereItIsFalseOrNull() {
        assertThat(failingRows(new CheckRule.Expression("quantity * 2 > 0"))).isEqualTo(2);
    }

    @Test
    void splitKeepsPassingRowsAndGivesEachRejectTheFirstCheckItFailsWithAReason() {
        List<CheckSpec> checks = List.of(
                check(new CheckRule.NotNull("status")),
                check(new CheckRule.Range(
                        "quantity",
                        Optional.of(new CheckRule.Literal("1", true)),
                        Optional.of(new CheckRule.Literal("100", true)))));

        RelationInfo passing = session.splitOnChecks("good", "bad", checks, ORDERS);

        assertThat(passing.rowCount()).isEqualTo(2);
        assertThat(passing.schema().names()).containsExactly("order_id", "status", "quantity", "email", "customer_id");
        assertThat(session.query(
                                "SELECT order_id, \"" + EngineSession.REJECTED_CHECK + "\", \""
                                        + EngineSession.REJECTED_REASON + "\" FROM bad ORDER BY order_id, quantity",
                                10)
                        .rows())
                .containsExactly(
                        List.of("2", "range(quantity)", "quantity = -1 is outside [1, 100]"),
                        List.of("2", "not_null(status)", "status is NULL"));
        assertThat(session.query(
                                "SELECT \"" + EngineSession.REJECTED_RECORD + "\" FROM bad ORDER BY quantity LIMIT 1",
                                1)
                        .rows()
                        .get(0)
                        .get(0))
                .isEqualTo(
                        "{\"order_id\":2,\"status\":\"PAID?\",\"quantity\":-1,\"email\":\"bad\",\"customer_id\":11}");
    }

    @Test
    void referentialCountsValuesMissingFromTheParentTable() {
        session.attachTable(
                new TableId("silver", "customers"),
                new dev.weir.core.spi.TableSchema(
                        List.of(new dev.weir.core.spi.Column(1, "customer_id", "int", false))),
                List.of());
        CheckRule rule = new CheckRule.Referential("customer_id", new TableId("silver", "customers"), "customer_id");

        assertThat(measure(rule)).isInstanceOfSatisfying(CheckMeasurement.Orphans.class, m -> {
            assertThat(m.orphanRows()).isEqualTo(3);
            assertThat(m.sample()).hasSize(3);
        });
        assertThat(judged(rule, ORDERS).observed()).isEqualTo("3 rows without a match");
        assertThat(judged(rule, ORDERS).threshold()).isEqualTo("every value in silver.customers.customer_id");
    }

    @Test
    void volumeComparesRowCountsWithBoundsAndWithThePreviousState() {
        session.runStage("before", "SELECT * FROM range(2)");
        CheckTarget target = new CheckTarget("orders", Optional.empty(), Optional.of("before"), Optional.empty());
        CheckRule rule = new CheckRule.Volume(OptionalLong.of(1), OptionalLong.empty(), OptionalDouble.of(50));

        assertThat(session.measure(check(rule), target, 5))
                .isEqualTo(new CheckMeasurement.Volume(4, OptionalLong.of(2)));
        assertThat(measure(rule)).isEqualTo(new CheckMeasurement.Volume(4, OptionalLong.empty()));
        CheckResult judged = judged(rule, target);
        assertThat(judged.passed()).isFalse();
        assertThat(judged.observed()).isEqualTo("4 rows (+100% against 2)");
        assertThat(judged.threshold()).isEqualTo("rows in [1, ∞], change at most 50%");
    }

    @Test
    void distributionReportsTheLargestShare() {
        CheckRule rule = new CheckRule.Distribution("order_id", OptionalDouble.of(40), OptionalDouble.empty());

        assertThat(measure(rule)).isEqualTo(new CheckMeasurement.Distribution(share("2", 50), false, Optional.empty()));
        assertThat(judged(rule, ORDERS).passed()).isFalse();
        assertThat(judged(rule, ORDERS).observed()).isEqualTo("largest 2 at 50%");
    }

    @Test
    void reconciliationComparesAnAggregateWithTheBatchWithinTolerance() {
        session.runStage("batch", "SELECT * FROM (VALUES (3), (-1), (5)) t(quantity)");
        CheckTarget target = new CheckTarget("orders", Optional.empty(), Optional.empty(), Optional.of("batch"));
        CheckRule.Reconciliation sum =
                new CheckRule.Reconciliation(Optional.empty(), "sum(quantity)", "sum(quantity)", 0);

        assertThat(session.measure(check(sum), target, 5))
                .isEqualTo(new CheckMeasurement.Reconciliation(OptionalDouble.of(7), OptionalDouble.of(7)));
        assertThat(judged(sum, target).passed()).isTrue();
        CheckRule.Reconciliation count = new CheckRule.Reconciliation(Optional.empty(), "count(*)", "count(*)", 10);
        CheckResult judged = judged(count, target);
        assertThat(judged.passed()).isFalse();
        assertThat(judged.observed()).isEqualTo("target 4, source 3 (33.33% apart)");
    }

    @Test
    void freshnessComparesTheNewestValueWithNow() {
        session.runStage(
                "events",
                "SELECT now()::TIMESTAMP - INTERVAL 3 HOUR AS at UNION ALL SELECT TIMESTAMP '2024-01-01 00:00:00'");

        CheckMeasurement measured =
                session.measure(check(new CheckRule.Freshness("at", 4)), CheckTarget.of("events"), 5);
        CheckResult fresh = judged(new CheckRule.Freshness("at", 4), CheckTarget.of("events"));
        CheckResult stale = judged(new CheckRule.Freshness("at", 2), CheckTarget.of("events"));
        session.runStage("nothing", "SELECT * FROM events WHERE false");
        CheckMeasurement none = session.measure(check(new CheckRule.Freshness("at", 2)), CheckTarget.of("nothing"), 5);
        CheckResult empty = judged(new CheckRule.Freshness("at", 2), CheckTarget.of("nothing"));

        assertThat(measured).isInstanceOfSatisfying(CheckMeasurement.Freshness.class, m -> {
            assertThat(m.newest())
                    .hasValueSatisfying(v -> assertThat(v).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*"));
            assertThat(m.ageHours().getAsDouble()).isBetween(2.99, 3.01);
        });
        assertThat(fresh.passed()).isTrue();
        assertThat(fresh.observed()).startsWith("newest ").endsWith(", 3.00 h old");
        assertThat(stale.passed()).isFalse();
        assertThat(stale.threshold()).isEqualTo("newest at most 2 h old");
        assertThat(none).isEqualTo(CheckMeasurement.Freshness.noValue());
        assertThat(empty.passed()).isFalse();
        assertThat(empty.observed()).isEqualTo("no value");
    }

    @Test
    void driftComparesEachValuesShareWithThePreviousState() {
        session.runStage("before", "SELECT * FROM (VALUES ('paid'), ('paid'), ('placed'), ('placed')) t(status)");
        CheckTarget target = new CheckTarget("orders", Optional.empty(), Optional.of("before"), Optional.empty());

        CheckRule rule = new CheckRule.Distribution("status", OptionalDouble.empty(), OptionalDouble.of(20));

        assertThat(session.measure(check(rule), target, 5))
                .isEqualTo(new CheckMeasurement.Distribution(Optional.empty(), true, share(null, 25)));
        assertThat(measure(rule))
                .isEqualTo(new CheckMeasurement.Distribution(Optional.empty(), false, Optional.empty()));
        CheckResult judged = judged(rule, target);
        assertThat(judged.passed()).isFalse();
        assertThat(judged.observed()).isEqualTo("share of NULL moved 25 points");
    }

    @Test
    void violationQueryFailsWithTheRowsItReturns() {
        CheckMeasurement m = measure(
                new CheckRule.ViolationQuery("SELECT order_id FROM {{ this }} GROUP BY order_id HAVING count(*) > 1"));

        assertThat(m).isEqualTo(new CheckMeasurement.Violations(1, List.of("{\"order_id\":2}")));
    }

    @Test
    void aCheckOnAMissingColumnCannotBeEvaluatedAndSaysWhere() {
        assertThatThrownBy(() -> measure(new CheckRule.NotNull("missing")))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHECK_ERROR);
                    assertThat(e.getMessage()).startsWith("Cannot evaluate check not_null(missing): ");
                    assertThat(e.hint()).contains("fix the check declared at contracts/orders.yaml:3");
                });
    }
}
