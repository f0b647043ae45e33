package dev.weir.core.quality;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spi.EngineSession;
import java.util.List;

/**
 * Evaluates checks in an engine session and turns each outcome into a {@link CheckResult}. A
 * check the engine cannot evaluate (a missing column, broken SQL) is an {@link CheckStatus#ERROR}
 * result, which counts as a failure: a broken check must not pass silently.
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
        try {
            CheckMeasurement m = session.measure(check, target, SAMPLE_SIZE);
            return new CheckResult(runId, check.name(), check.rule().type(), phase, check.severity(),
                    m.passed() ? CheckStatus.PASSED : CheckStatus.FAILED, check.blocking(), m.observed(), m.threshold(),
                    m.failingRows(), m.sample());
        } catch (WeirException e) {
            if (e.code() != ErrorCode.CHECK_ERROR) {
                throw e;
            }
            return new CheckResult(runId, check.name(), check.rule().type(), phase, check.severity(), CheckStatus.ERROR,
                    check.blocking(), e.getMessage(), "check evaluates", 0, List.of());
        }
    }

    /**
     * The result of a row-level check whose failing rows were quarantined: it failed, but the load
     * goes on without those rows.
     */
    public CheckResult quarantined(CheckSpec check, long rows, long checkedRows) {
        return new CheckResult(runId, check.name(), check.rule().type(), CheckPhase.PRE_LOAD, check.severity(),
                rows == 0 ? CheckStatus.PASSED : CheckStatus.QUARANTINED, false, rows + " of " + checkedRows + " rows fail", "0 rows", rows,
                List.of());
    }
}
