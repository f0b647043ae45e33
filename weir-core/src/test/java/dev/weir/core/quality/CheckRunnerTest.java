package dev.weir.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.EngineSession;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {
    private final List<Integer> sampleSizes = new ArrayList<>();

    /** A session that only measures, answering with {@code measurement}; core has no engine to test with. */
    private EngineSession measuring(Supplier<CheckMeasurement> measurement) {
        return (EngineSession) Proxy.newProxyInstance(
                EngineSession.class.getClassLoader(), new Class<?>[] {EngineSession.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("measure")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    sampleSizes.add((Integer) args[2]);
                    return measurement.get();
                });
    }

    private static CheckSpec check(CheckRule rule, Severity severity, boolean blocking) {
        return new CheckSpec(CheckSpec.defaultName(rule), rule, severity, blocking, "contracts/orders.yaml:7");
    }

    @Test
    void theEngineMeasuresAndCoreJudges() {
        CheckRunner runner =
                new CheckRunner(measuring(() -> new CheckMeasurement.RowViolations(4, 9, List.of("{\"id\":1}"))), "r1");

        CheckResult result = runner.evaluate(
                check(new CheckRule.NotNull("quantity"), Severity.P1, true),
                CheckPhase.PRE_LOAD,
                CheckTarget.of("source"));

        assertThat(result)
                .isEqualTo(new CheckResult(
                        "r1",
                        "not_null(quantity)",
                        "not_null",
                        CheckPhase.PRE_LOAD,
                        Severity.P1,
                        CheckStatus.FAILED,
                        true,
                        "4 of 9 rows fail",
                        "0 rows",
                        4,
                        List.of("{\"id\":1}")));
        assertThat(sampleSizes).containsExactly(CheckRunner.SAMPLE_SIZE);
    }

    @Test
    void aPassingTableCheckHasNoFailingRows() {
        CheckRunner runner =
                new CheckRunner(measuring(() -> new CheckMeasurement.Volume(5, OptionalLong.empty())), "r1");
        CheckRule volume = new CheckRule.Volume(OptionalLong.of(1), OptionalLong.empty(), OptionalDouble.empty());

        CheckResult result =
                runner.evaluate(check(volume, Severity.P2, false), CheckPhase.POST_LOAD, CheckTarget.of("t"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.observed()).isEqualTo("5 rows");
        assertThat(result.threshold()).isEqualTo("rows in [1, ∞]");
        assertThat(result.failingRows()).isZero();
        assertThat(result.blocking()).isFalse();
    }

    @Test
    void aCheckTheEngineCannotEvaluateIsAnErrorResult() {
        CheckRunner runner = new CheckRunner(
                measuring(() -> {
                    throw WeirException.withHint(
                            ErrorCode.CHECK_ERROR, "Cannot evaluate check not_null(nope): no column nope", "fix it");
                }),
                "r1");

        CheckResult result = runner.evaluate(
                check(new CheckRule.NotNull("nope"), Severity.P1, true), CheckPhase.PRE_LOAD, CheckTarget.of("source"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.passed()).isFalse();
        assertThat(result.observed()).isEqualTo("Cannot evaluate check not_null(nope): no column nope");
        assertThat(result.threshold()).isEqualTo("check evaluates");
    }

    @Test
    void otherEngineFailuresAreNotCheckResults() {
        CheckRunner runner = new CheckRunner(
                measuring(() -> {
                    throw WeirException.withHint(ErrorCode.INTERNAL, "disk full", "free space");
                }),
                "r1");

        assertThatThrownBy(() -> runner.evaluate(
                        check(new CheckRule.NotNull("id"), Severity.P1, true),
                        CheckPhase.PRE_LOAD,
                        CheckTarget.of("source")))
                .isInstanceOf(WeirException.class)
                .hasMessage("disk full");
    }

    @Test
    void aReconciliationWithTheBatchButNoBatchIsAnErrorWithoutAskingTheEngine() {
        CheckRunner runner = new CheckRunner(
                measuring(() -> {
                    throw new AssertionError("measured");
                }),
                "test-1");
        CheckRule rule = new CheckRule.Reconciliation(Optional.empty(), "count(*)", "count(*)", 0);

        CheckResult result =
                runner.evaluate(check(rule, Severity.P1, true), CheckPhase.TEST, CheckTarget.of("silver.orders"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.observed())
                .isEqualTo("Cannot evaluate check reconciliation: there is no extracted batch to reconcile with here;"
                        + " name a table in params.source");
        assertThat(sampleSizes).isEmpty();
    }

    @Test
    void quarantinedRowsAreReportedLikeFailingRows() {
        CheckRunner runner = new CheckRunner(
                measuring(() -> {
                    throw new AssertionError("measured");
                }),
                "r1");
        CheckSpec range = check(
                new CheckRule.Range("quantity", Optional.of(new CheckRule.Literal("1", true)), Optional.empty()),
                Severity.P1,
                true);

        CheckResult some = runner.quarantined(range, 2, 9);
        CheckResult none = runner.quarantined(range, 0, 9);

        assertThat(some.status()).isEqualTo(CheckStatus.QUARANTINED);
        assertThat(some.observed()).isEqualTo("2 of 9 rows fail");
        assertThat(some.threshold()).isEqualTo("0 rows");
        assertThat(some.failingRows()).isEqualTo(2);
        assertThat(some.blocking()).isFalse();
        assertThat(none.status()).isEqualTo(CheckStatus.PASSED);
    }
}
