package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckRunner;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each check type passes on good rows and fails on bad ones, as core's {@link CheckRunner} judges
 * what the engine measures; a check the engine cannot evaluate is an error, never a pass. Only the
 * status and the failing-row count are part of the contract, not the observed text.
 */
abstract class CheckContract extends ContractTopic {
    private static final String COLUMNS = "CAST(order_id AS BIGINT) AS order_id, CAST(status AS VARCHAR) AS status,"
            + " CAST(quantity AS INTEGER) AS quantity, CAST(email AS VARCHAR) AS email, CAST(customer_id AS BIGINT) AS customer_id";

    private CheckRunner runner;

    CheckContract(ContractProject project) {
        super(project, "checks");
    }

    @BeforeEach
    final void stageOrders() {
        runner = new CheckRunner(session, "checks-run");
        session.runStage(
                "good",
                "SELECT " + COLUMNS + " FROM (VALUES (1, 'paid', 3, 'a@x.org', 10), (2, 'placed', 5, 'b@x.org', 11),"
                        + " (3, 'paid', 1, 'c@x.org', 10), (4, 'placed', 2, NULL, NULL)) AS t(order_id, status, quantity, email, customer_id)");
        session.runStage(
                "bad",
                "SELECT " + COLUMNS
                        + " FROM (VALUES (1, 'paid', 3, 'a@x.org', 10), (2, 'PAID?', -1, 'not an address', 99),"
                        + " (2, NULL, 5, NULL, 11), (4, 'placed', NULL, 'd@x.org', NULL)) AS t(order_id, status, quantity, email, customer_id)");
    }

    private static CheckSpec check(CheckRule rule) {
        return new CheckSpec(CheckSpec.defaultName(rule), rule, Severity.P1, true, "contracts/orders.yaml:7");
    }

    private CheckResult evaluate(CheckRule rule, CheckTarget target) {
        return runner.evaluate(check(rule), CheckPhase.PRE_LOAD, target);
    }

    private void assertPassesOnGoodAndFailsOnBad(CheckRule rule, long failingRows) {
        CheckResult good = evaluate(rule, CheckTarget.of("good"));
        CheckResult bad = evaluate(rule, CheckTarget.of("bad"));

        assertThat(good.status())
                .as(rule.type() + " on good rows: " + good.observed())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(good.failingRows()).isZero();
        assertThat(bad.status())
                .as(rule.type() + " on bad rows: " + bad.observed())
                .isEqualTo(CheckStatus.FAILED);
        assertThat(bad.failingRows()).as(rule.type() + " failing rows").isEqualTo(failingRows);
    }

    private static CheckRule.Literal number(String text) {
        return new CheckRule.Literal(text, true);
    }

    private static CheckTarget withPrevious(String relation, String previous) {
        return new CheckTarget(relation, Optional.empty(), Optional.of(previous), Optional.empty());
    }

    @Test
    void notNullFailsEachRowWithoutAValue() {
        assertPassesOnGoodAndFailsOnBad(new CheckRule.NotNull("status"), 1);
    }

    @Test
    void uniqueFailsEveryRowOfARepeatedKey() {
        assertPassesOnGoodAndFailsOnBad(new CheckRule.Unique(List.of("order_id")), 2);
    }

    @Test
    void uniqueAlsoFailsRowsWhoseKeyIsAlreadyInTheTable() {
        session.runStage("published", "SELECT CAST(3 AS BIGINT) AS order_id");

        CheckResult result = evaluate(
                new CheckRule.Unique(List.of("order_id")),
                new CheckTarget("good", Optional.of("published"), Optional.empty(), Optional.empty()));

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.failingRows()).isEqualTo(1);
    }

    @Test
    void rangeFailsValuesOutsideItsBoundsAndIgnoresNulls() {
        assertPassesOnGoodAndFailsOnBad(
                new CheckRule.Range("quantity", Optional.of(number("1")), Optional.of(number("100"))), 1);
    }

    @Test
    void enumFailsValuesNotListedAndIgnoresNulls() {
        assertPassesOnGoodAndFailsOnBad(new CheckRule.AcceptedValues("status", List.of("paid", "placed")), 1);
    }

    @Test
    void regexFailsValuesThatDoNotMatchInFullAndIgnoresNulls() {
        assertPassesOnGoodAndFailsOnBad(new CheckRule.Matches("email", "[^@ ]+@[^@ ]+\\.[a-z]+"), 1);
    }

    @Test
    void customExpressionFailsRowsWhereItIsFalseOrNull() {
        assertPassesOnGoodAndFailsOnBad(new CheckRule.Expression("quantity > 0"), 2);
    }

    @Test
    void freshnessFailsWhenTheNewestValueIsTooOldOrMissing() {
        session.runStage(
                "fresh",
                "SELECT CAST(CURRENT_TIMESTAMP AS TIMESTAMP) - INTERVAL '1' HOUR AS seen_at"
                        + " UNION ALL SELECT TIMESTAMP '2020-01-01 00:00:00' AS seen_at");
        session.runStage("stale", "SELECT TIMESTAMP '2020-01-01 00:00:00' AS seen_at");
        session.runStage("nothing", "SELECT seen_at FROM stale WHERE 1 = 0");
        CheckRule.Freshness day = new CheckRule.Freshness("seen_at", 24);

        assertThat(evaluate(day, CheckTarget.of("fresh")).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(evaluate(day, CheckTarget.of("stale")).status()).isEqualTo(CheckStatus.FAILED);
        assertThat(evaluate(day, CheckTarget.of("nothing")).status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void volumeFailsARowCountOutsideItsBounds() {
        assertThat(evaluate(
                                new CheckRule.Volume(OptionalLong.of(1), OptionalLong.of(10), OptionalDouble.empty()),
                                CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(evaluate(
                                new CheckRule.Volume(OptionalLong.of(5), OptionalLong.empty(), OptionalDouble.empty()),
                                CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.FAILED);
        assertThat(evaluate(
                                new CheckRule.Volume(OptionalLong.empty(), OptionalLong.of(3), OptionalDouble.empty()),
                                CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void volumeFailsAChangeAgainstThePreviousStateBeyondItsLimit() {
        session.runStage("before", "SELECT order_id FROM good WHERE order_id <= 2");

        assertThat(evaluate(
                                new CheckRule.Volume(
                                        OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.of(100)),
                                withPrevious("good", "before"))
                        .status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(evaluate(
                                new CheckRule.Volume(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.of(50)),
                                withPrevious("good", "before"))
                        .status())
                .isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void referentialFailsRowsWhoseValueIsNotInTheParentTable() {
        TableId customers = table("customers");
        load(
                append(customers),
                "SELECT * FROM (VALUES (CAST(10 AS BIGINT), 'Zoë'), (CAST(11 AS BIGINT), '東京')) AS t(customer_id, name)");
        attach(customers);

        assertPassesOnGoodAndFailsOnBad(new CheckRule.Referential("customer_id", customers, "customer_id"), 1);
    }

    @Test
    void distributionFailsWhenOneValueHoldsTooLargeAShare() {
        assertThat(evaluate(
                                new CheckRule.Distribution("status", OptionalDouble.of(60), OptionalDouble.empty()),
                                CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(evaluate(
                                new CheckRule.Distribution("status", OptionalDouble.of(40), OptionalDouble.empty()),
                                CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void distributionFailsWhenAShareDriftsTooFarFromThePreviousState() {
        session.runStage("before", "SELECT * FROM (VALUES ('paid'), ('paid'), ('paid'), ('placed')) AS t(status)");
        CheckRule.Distribution drift =
                new CheckRule.Distribution("status", OptionalDouble.empty(), OptionalDouble.of(30));
        CheckRule.Distribution tightDrift =
                new CheckRule.Distribution("status", OptionalDouble.empty(), OptionalDouble.of(20));

        assertThat(evaluate(drift, withPrevious("good", "before")).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(evaluate(tightDrift, withPrevious("good", "before")).status())
                .isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void reconciliationFailsWhenAnAggregateDiffersFromTheBatchsBeyondTolerance() {
        CheckRule.Reconciliation sums =
                new CheckRule.Reconciliation(Optional.empty(), "sum(quantity)", "sum(quantity)", 0);
        CheckRule.Reconciliation counts = new CheckRule.Reconciliation(Optional.empty(), "count(*)", "count(*)", 10);
        session.runStage("extracted", "SELECT * FROM good WHERE order_id <= 3");

        assertThat(evaluate(sums, new CheckTarget("good", Optional.empty(), Optional.empty(), Optional.of("good")))
                        .status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(evaluate(
                                counts,
                                new CheckTarget("good", Optional.empty(), Optional.empty(), Optional.of("extracted")))
                        .status())
                .isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void reconciliationAgainstAWeirTableComparesWithThatTable() {
        TableId source = table("reconciliation_source");
        load(
                append(source),
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT)), (CAST(2 AS BIGINT)), (CAST(3 AS BIGINT)), (CAST(4 AS BIGINT))) AS t(id)");
        attach(source);

        assertThat(evaluate(
                                new CheckRule.Reconciliation(Optional.of(source), "count(*)", "count(*)", 0),
                                CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(evaluate(
                                new CheckRule.Reconciliation(Optional.of(source), "count(*) * 2", "count(*)", 1),
                                CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void customSqlFailsWithTheViolationsItReturns() {
        assertPassesOnGoodAndFailsOnBad(
                new CheckRule.ViolationQuery("SELECT order_id FROM {{ this }} GROUP BY order_id HAVING count(*) > 1"),
                1);
    }

    @Test
    void checksOnAWeirTableReadItsLiveRows() {
        TableId orders = table("checked_orders");
        load(append(orders), "SELECT * FROM bad");
        attach(orders);

        CheckResult result = evaluate(new CheckRule.NotNull("status"), CheckTarget.of(orders.toString()));

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.failingRows()).isEqualTo(1);
    }

    @Test
    void aCheckTheEngineCannotEvaluateIsAnErrorNotAPass() {
        assertThat(evaluate(new CheckRule.NotNull("no_such_column"), CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.ERROR);
        assertThat(evaluate(new CheckRule.Expression("no_such_column > 0"), CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.ERROR);
        assertThat(evaluate(new CheckRule.ViolationQuery("SELEC nonsense FROM {{ this }}"), CheckTarget.of("good"))
                        .status())
                .isEqualTo(CheckStatus.ERROR);
        assertThat(evaluate(
                                new CheckRule.Reconciliation(Optional.empty(), "count(*)", "count(*)", 0),
                                CheckTarget.of("good"))
                        .status())
                .as("a reconciliation with the batch where there is none")
                .isEqualTo(CheckStatus.ERROR);
    }
}
