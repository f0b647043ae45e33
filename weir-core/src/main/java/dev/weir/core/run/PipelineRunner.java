package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ErrorStrategy;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.TableStore;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline: extract from the committed position, transform, check the rows (quarantining
 * rejects under dead-letter), write, audit the table as the commit would leave it, and commit data
 * and position in one Iceberg snapshot. A run killed anywhere leaves the table as it was or as an
 * uninterrupted run leaves it; the next run closes the dead run's record and removes its files. A
 * run is cancelled by interrupting its thread: it then stops at its next step, publishes nothing and
 * removes what it wrote. After a run, a pipeline with {@code max_lag} alerts when its table is further
 * behind its source than that. Safe to use from several threads, for different pipelines.
 */
public final class PipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final Duration LOCK_POLL = Duration.ofMillis(200);

    private final RunServices services;
    private final TableAttacher attacher;
    private final List<ContractSpec> contracts;
    private final LagAlert lagAlert;

    /** @param contracts the project's contracts; a pipeline is bound to the one of its target table */
    public PipelineRunner(RunServices services, TableAttacher attacher, List<ContractSpec> contracts) {
        this.services = services;
        this.attacher = attacher;
        this.contracts = List.copyOf(contracts);
        this.lagAlert = new LagAlert(services, contracts);
    }

    /**
     * Runs {@code pipeline} once or, under {@code error_handling.strategy: retry}, until it succeeds
     * or fails for a reason that is not transient, at most {@code max_retries} more times. Waits
     * grow exponentially from {@code retry_delay_seconds}; each attempt is a run of its own.
     */
    public PipelineResult run(PipelineSpec pipeline) {
        ErrorHandlingSpec handling = pipeline.errorHandling();
        if (handling.strategy() != ErrorStrategy.RETRY || handling.maxRetries() == 0) {
            return runOnce(pipeline);
        }
        RetryConfig config = RetryConfig.<PipelineResult>custom()
                .maxAttempts(handling.maxRetries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(
                        Duration.ofMillis(Math.max(1, handling.retryDelaySeconds() * 1000L)), 2))
                .retryOnResult(result ->
                        result.failure().map(e -> e.code().isTransient()).orElse(false))
                .failAfterMaxAttempts(false)
                .build();
        Retry retry = Retry.of(pipeline.name(), config);
        retry.getEventPublisher()
                .onRetry(event -> LOG.warn(
                        "{}: attempt {} failed with a transient error; retrying in {} s",
                        pipeline.name(),
                        event.getNumberOfRetryAttempts(),
                        event.getWaitInterval().toMillis() / 1000.0));
        return retry.executeSupplier(() -> runOnce(pipeline));
    }

    private PipelineResult runOnce(PipelineSpec pipeline) {
        return runAttempt(pipeline, RunIds.next(services.clock()));
    }

    /**
     * Runs {@code pipeline} once as run {@code runId}, without retrying: the scheduler decides
     * itself when a transient failure is tried again, so that a wait holds no slot.
     */
    public PipelineResult runAttempt(PipelineSpec pipeline, String runId) {
        Instant startedAt = services.clock().instant();
        PipelineResult result = lockedRun(pipeline, runId, Optional.empty(), startedAt);
        services.listener().runFinished(result);
        lagAlert.afterRun(pipeline, result);
        return result;
    }

    /**
     * Runs one chunk of a backfill of {@code pipeline} as run {@code runId}, without retrying. It
     * takes the pipeline's lock like any run, waiting while a scheduled run holds it, so the two
     * never fight over the table and scheduled runs interleave between chunks.
     */
    public PipelineResult runWindow(PipelineSpec pipeline, BackfillWindow window, String runId) {
        Instant startedAt = services.clock().instant();
        PipelineResult result = lockedRun(pipeline, runId, Optional.of(window), startedAt);
        services.listener().runFinished(result);
        return result;
    }

    private PipelineResult lockedRun(
            PipelineSpec pipeline, String runId, Optional<BackfillWindow> window, Instant startedAt) {
        PipelineLock lock;
        try {
            lock = window.isPresent()
                    ? awaitLock(pipeline, runId)
                    : PipelineLock.acquire(services.lockDir(), pipeline.name(), runId);
        } catch (WeirException busy) {
            return notStarted(pipeline, runId, startedAt, RunStage.LOCK, busy, committedWatermark(pipeline));
        }
        try (lock;
                TableStore tables = services.tables().openSession()) {
            PipelineRun run;
            try {
                new InterruptedRuns(services, tables).close(pipeline, runId);
                Optional<ContractSpec> contract = contracts.stream()
                        .filter(c -> c.table().equals(pipeline.load().target()))
                        .findFirst();
                run = new PipelineRun(services, attacher, pipeline, contract, runId, window, startedAt, tables);
            } catch (WeirException cannotStart) {
                // a target whose history cannot be read (its metadata is broken) fails this pipeline alone
                return notStarted(pipeline, runId, startedAt, RunStage.START, cannotStart, Optional.empty());
            }
            return run.execute();
        }
    }

    /** The pipeline's lock, once the run holding it ends; a cancellation while waiting fails the chunk. */
    private PipelineLock awaitLock(PipelineSpec pipeline, String runId) {
        while (true) {
            try {
                return PipelineLock.acquire(services.lockDir(), pipeline.name(), runId);
            } catch (WeirException busy) {
                if (busy.code() != ErrorCode.PIPELINE_BUSY) {
                    throw busy;
                }
                try {
                    Thread.sleep(LOCK_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * The position the pipeline's table holds, for the record of a run refused by the lock: the
     * run changes nothing, so it shows the watermark as it stands, not none. Read without the lock,
     * as any reader may; a table that cannot be read shows none (the running writer reports it).
     */
    private Optional<String> committedWatermark(PipelineSpec pipeline) {
        try (TableStore tables = services.tables().openSession()) {
            return CommittedPosition.display(
                    CommittedPosition.from(tables.history(pipeline.load().target()), pipeline.name()));
        } catch (WeirException unreadable) {
            return Optional.empty();
        }
    }

    private PipelineResult notStarted(
            PipelineSpec pipeline,
            String runId,
            Instant startedAt,
            RunStage stage,
            WeirException e,
            Optional<String> watermark) {
        RunRecord failed = RunCounts.NONE.close(
                RunRecord.started(pipeline.name(), runId, startedAt, watermark),
                RunStatus.FAILED,
                stage,
                Optional.of(e.render()),
                watermark,
                services.clock().instant());
        services.record(failed);
        return PipelineResult.unpublished(failed, Optional.of(e));
    }
}
