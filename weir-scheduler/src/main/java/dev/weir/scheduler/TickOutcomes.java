package dev.weir.scheduler;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ErrorStrategy;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ScheduleSpec;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableReader;
import dev.weir.core.spi.Tick;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a tick becomes after an attempt, and whether an attempt already succeeded that the
 * scheduler did not see end (its process died after the commit): a tick is done once one of its
 * runs committed or closed successfully, so a restart never runs it twice.
 */
final class TickOutcomes {
    /** A tick whose runs were cut short by this many scheduler deaths is failed, not run again. */
    static final int MAX_INTERRUPTED_ATTEMPTS = 10;

    private static final Set<RunStatus> DONE = Set.of(RunStatus.SUCCESS, RunStatus.BATCH_SKIPPED);

    private final Metastore metastore;
    private final TableReader tables;
    private final Duration busyWait;

    TickOutcomes(Metastore metastore, TableReader tables, Duration busyWait) {
        this.metastore = metastore;
        this.tables = tables;
        this.busyWait = busyWait;
    }

    /** The run of {@code tick} that succeeded, if one did: its record says so, or its commit is in the table. */
    Optional<String> succeededRun(Tick tick, PipelineSpec pipeline) {
        if (tick.runIds().isEmpty()) {
            return Optional.empty();
        }
        for (String runId : tick.runIds()) {
            if (metastore
                    .run(runId)
                    .map(RunRecord::status)
                    .filter(DONE::contains)
                    .isPresent()) {
                return Optional.of(runId);
            }
        }
        List<SnapshotInfo> history;
        try {
            history = tables.history(pipeline.load().target());
        } catch (WeirException unreadable) {
            return Optional.empty();
        }
        return history.stream()
                .flatMap(s -> s.runId().stream())
                .filter(tick.runIds()::contains)
                .findFirst();
    }

    /**
     * What a tick left running by a scheduler that died (or lost its lease) becomes: done if one of
     * its runs succeeded, failed after {@link #MAX_INTERRUPTED_ATTEMPTS} such deaths, else due again.
     */
    Tick recovered(Tick running, Optional<PipelineSpec> pipeline, Instant now) {
        if (pipeline.isEmpty()) {
            return running.ended(Tick.TickState.SKIPPED, Optional.of("the pipeline is no longer in the project"));
        }
        Optional<String> succeeded = succeededRun(running, pipeline.get());
        if (succeeded.isPresent()) {
            return running.ended(
                    Tick.TickState.SUCCEEDED,
                    Optional.of("run " + succeeded.get() + " succeeded before its scheduler stopped"));
        }
        if (running.attempts() >= MAX_INTERRUPTED_ATTEMPTS) {
            return running.ended(
                    Tick.TickState.FAILED,
                    Optional.of("its scheduler stopped during each of " + running.attempts() + " attempts"));
        }
        return running.waiting(
                now, Optional.of("run " + running.lastRunId().orElse("?") + " stopped with its scheduler; run again"));
    }

    /** What {@code running} becomes after its attempt ended with {@code result}. */
    Tick after(Tick running, PipelineSpec pipeline, PipelineResult result, Instant now) {
        RunStatus status = result.record().status();
        if (DONE.contains(status)) {
            return running.ended(Tick.TickState.SUCCEEDED, Optional.empty());
        }
        if (status == RunStatus.CANCELLED) {
            // the scheduler is stopping: the tick is run again by the next one
            return undoAttempt(running).waiting(now, Optional.of("cancelled when the scheduler stopped"));
        }
        Optional<WeirException> failure = result.failure();
        String message = failure.map(WeirException::getMessage)
                .or(() -> result.record().errorMessage())
                .orElse("the run ended " + status);
        if (failure.map(e -> e.code() == ErrorCode.PIPELINE_BUSY).orElse(false)) {
            return busy(running, pipeline.pipeline().schedule().onBusy(), now, message);
        }
        ErrorHandlingSpec handling = pipeline.errorHandling();
        boolean retried = handling.strategy() == ErrorStrategy.RETRY
                && failure.map(e -> e.code().isTransient()).orElse(false)
                && running.attempts() <= handling.maxRetries();
        if (retried) {
            Duration wait = backoff(handling, running.attempts());
            return running.waiting(
                    now.plus(wait),
                    Optional.of("attempt " + running.attempts() + " failed (" + message + "); retry in "
                            + wait.toSeconds() + " s"));
        }
        return running.ended(Tick.TickState.FAILED, Optional.of(message));
    }

    /** A tick whose pipeline is running already, or held by a {@code weir run}. */
    Tick busy(Tick tick, ScheduleSpec.OnBusy onBusy, Instant now, String why) {
        Tick waited = tick.state() == Tick.TickState.RUNNING ? undoAttempt(tick) : tick;
        return switch (onBusy) {
            case QUEUE -> waited.waiting(now.plus(busyWait), Optional.of("queued: " + why));
            case SKIP -> waited.ended(Tick.TickState.SKIPPED, Optional.of("skipped (on_busy: skip): " + why));
            case FAIL -> waited.ended(Tick.TickState.FAILED, Optional.of("refused (on_busy: fail): " + why));
        };
    }

    /** Exponential from {@code retry_delay_seconds}, doubling per attempt, as {@code weir run} retries. */
    static Duration backoff(ErrorHandlingSpec handling, int attempt) {
        long initial = Math.max(1, handling.retryDelaySeconds() * 1000L);
        return Duration.ofMillis(
                IntervalFunction.ofExponentialBackoff(initial, 2).apply(attempt));
    }

    /** An attempt that never ran its pipeline (it found the pipeline busy, or was cancelled) does not count. */
    private static Tick undoAttempt(Tick tick) {
        return new Tick(
                tick.tickId(),
                tick.pipeline(),
                tick.scheduledAt(),
                tick.trigger(),
                Tick.TickState.RUNNING,
                Math.max(0, tick.attempts() - 1),
                tick.runIds(),
                tick.notBefore(),
                tick.note());
    }
}
