package dev.weir.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline run, with exactly the seed's run-log fields. {@code stage} is the last stage the
 * run reached (extract, transform, load, commit, done). Invariant when closed:
 * {@code rowsExtracted == rowsLoaded + rowsRejected}.
 */
public record RunRecord(
        String pipelineName,
        String runId,
        Instant startedAt,
        Optional<Instant> completedAt,
        RunStatus status,
        String stage,
        long rowsExtracted,
        long rowsTransformed,
        long rowsLoaded,
        long rowsRejected,
        int qualityChecksPassed,
        int qualityChecksFailed,
        double durationSeconds,
        Optional<String> errorMessage,
        Optional<String> watermarkBefore,
        Optional<String> watermarkAfter) {
    public RunRecord {
        Objects.requireNonNull(pipelineName, "pipelineName is null");
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(completedAt, "completedAt is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(errorMessage, "errorMessage is null");
        Objects.requireNonNull(watermarkBefore, "watermarkBefore is null");
        Objects.requireNonNull(watermarkAfter, "watermarkAfter is null");
    }

    public static RunRecord started(
            String pipelineName, String runId, Instant startedAt, Optional<String> watermarkBefore) {
        return new RunRecord(
                pipelineName,
                runId,
                startedAt,
                Optional.empty(),
                RunStatus.RUNNING,
                "start",
                0,
                0,
                0,
                0,
                0,
                0,
                0.0,
                Optional.empty(),
                watermarkBefore,
                Optional.empty());
    }
}
