package dev.weir.core.quality;

import dev.weir.core.spec.Severity;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one check in one run: what was observed against which threshold, how many rows
 * failed (0 for a table-level check that passed; 1 for one that failed as a whole) and a few
 * failing rows as JSON objects. {@code blocking} is whether the failure stopped the load.
 */
public record CheckResult(
        String runId,
        String check,
        String type,
        CheckPhase phase,
        Severity severity,
        CheckStatus status,
        boolean blocking,
        String observed,
        String threshold,
        long failingRows,
        List<String> sample) {
    public CheckResult {
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(check, "check is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(phase, "phase is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(observed, "observed is null");
        Objects.requireNonNull(threshold, "threshold is null");
        sample = List.copyOf(sample);
    }

    public boolean passed() {
        return status == CheckStatus.PASSED;
    }
}
