package dev.weir.core.run;

import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A run's row and check counts when it closes. */
record RunCounts(long extracted, long transformed, long quarantined, int checksPassed, int checksFailed) {
    static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0);

    /**
     * Closes {@code run} at {@code end}. A successful run published the effect of every extracted row
     * it did not quarantine; any other published none, and its whole batch counts as rejected (it
     * stays in the source and is read again by the next run).
     */
    RunRecord close(
            RunRecord run,
            RunStatus status,
            RunStage stage,
            Optional<String> error,
            Optional<String> watermarkAfter,
            Instant end) {
        long loadedRows = status == RunStatus.SUCCESS ? extracted - quarantined : 0;
        long rejected = extracted - loadedRows;
        double seconds = Duration.between(run.startedAt(), end).toMillis() / 1000.0;
        return new RunRecord(
                run.pipelineName(),
                run.runId(),
                run.startedAt(),
                Optional.of(end),
                status,
                stage.wireName(),
                extracted,
                transformed,
                loadedRows,
                rejected,
                checksPassed,
                checksFailed,
                seconds,
                error,
                run.watermarkBefore(),
                watermarkAfter,
                run.warnings());
    }
}
