package dev.weir.core.quality;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spi.EngineSession;
import java.util.List;

/**
 * Evaluates checks: the engine session measures, {@link CheckVerdicts} judges, and each outcome
 * becomes a {@link CheckResult}. A check that cannot be evaluated (a missing column, broken SQL) is
 * an {@link CheckStatus#ERROR} result, which counts as a failure: a broken check must not pass
 * silently.
 */
public final class CheckRunner {
    /** Failing rows kept per check, for results and alerts. */
    public static final int SAMPLE_SIZE = 5;

    private final EngineSession session;
    private final String runId;

    public CheckRunner(EngineSession session, String runId) {
        this.session = session;
        this.runId = runId;
    }

    public CheckResult evaluate(CheckSpec check, CheckPhase phase, CheckTarget target) {
        if (check.rule() instanceof CheckRule.Reconciliation reconciliation
                && reconciliation.source().isEmpty()
                && target.batch().isEmpty()) {
            return error(
                    check,
                    phase,
                    "Cannot evaluate check " + check.name()
                            + ": there is no extracted batch to reconcile with here; name a table in params.source");
        }
        try {
            CheckVerdict v = CheckVerdicts.judge(check, session.measure(check, target, SAMPLE_SIZE));
            return result(check, phase, v.passed() ? CheckStatus.PASSED : CheckStatus.FAILED, check.blocking(), v);
        } catch (WeirException e) {
            if (e.code() != ErrorCode.CHECK_ERROR) {
                throw e;
            }
            return error(check, phase, e.getMessage());
        }
    }

    /** The result of a check that could not be evaluated at all, for {@code why}: it counts as a failure. */
    public CheckResult notEvaluated(CheckSpec check, CheckPhase phase, String why) {
        return error(check, phase, why);
    }

    private CheckResult error(CheckSpec check, CheckPhase phase, String message) {
        return result(
                check,
                phase,
                CheckStatus.ERROR,
                check.blocking(),
                new CheckVerdict(false, message, "check evaluates", 0, List.of()));
    }

    /**
     * The result of a row-level check whose failing rows were quarantined: it failed, but the load
     * goes on without those rows.
     */
    public CheckResult quarantined(CheckSpec check, long rows, long checkedRows) {
        CheckVerdict v = CheckVerdicts.rowViolations(new CheckMeasurement.RowViolations(rows, checkedRows, List.of()));
        return result(check, CheckPhase.PRE_LOAD, v.passed() ? CheckStatus.PASSED : CheckStatus.QUARANTINED, false, v);
    }

    private CheckResult result(
            CheckSpec check, CheckPhase phase, CheckStatus status, boolean blocking, CheckVerdict v) {
        return new CheckResult(
                runId,
                check.name(),
                check.rule().type(),
                phase,
                check.severity(),
                status,
                blocking,
                v.observed(),
                v.threshold(),
                v.failingRows(),
                v.sample());
    }
}
