package dev.weir.core.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline run, with exactly the seed's run-log fields. {@code stage} is the last stage the
 * run reached (extract, transform, load, commit, done). Invariant when closed:
 * {@code rowsExtracted == rowsLoaded + rowsRejected}. {@code warnings} (Weir's own field, after
 * the seed's) are what the source said about the batch although the run went on, one line each.
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
        Optional<String> watermarkAfter,
        List<String> warnings) {
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
        warnings = List.copyOf(warnings);
    }

    /** A record without warnings. */
    public RunRecord(
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
        this(
                pipelineName,
                runId,
                startedAt,
                completedAt,
                status,
                stage,
                rowsExtracted,
                rowsTransformed,
                rowsLoaded,
                rowsRejected,
                qualityChecksPassed,
                qualityChecksFailed,
                durationSeconds,
                errorMessage,
                watermarkBefore,
                watermarkAfter,
                List.of());
    }

    /** This record with {@code more} warnings after its own. */
    public RunRecord withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new RunRecord(
                pipelineName,
                runId,
                startedAt,
                completedAt,
                status,
                stage,
                rowsExtracted,
                rowsTransformed,
                rowsLoaded,
                rowsRejected,
                qualityChecksPassed,
                qualityChecksFailed,
                durationSeconds,
                errorMessage,
                watermarkBefore,
                watermarkAfter,
                all);
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
