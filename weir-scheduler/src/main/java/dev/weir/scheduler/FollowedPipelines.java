package dev.weir.scheduler;

import dev.weir.core.error.WeirException;
import dev.weir.core.run.RunIds;
import dev.weir.core.run.TableCompactor;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.runtime.WeirRuntime;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines with {@code schedule: follow}, kept running by the scheduler that holds the
 * project's lease: each in a thread of its own, a batch starting every {@code
 * follow_interval_seconds} (at once when the last took longer), as {@code weir run --follow} runs
 * them, with the table compacted between batches when it is due. Each batch is an ordinary run,
 * committed with its position or not at all, so a follower stopped or killed at any moment leaves
 * nothing half done and the next one reads on from the table.
 *
 * <p>A failed batch is tried again after a pause that doubles from the interval up to {@link
 * #MOST_PATIENCE}, whatever its error: a follower does not give up on a stream (a person fixes the
 * cause, the run records and alerts say what it is), and a success brings the interval back.
 * Followers do not count against {@code scheduler.max_concurrent}: they run all the time, and would
 * otherwise hold the lanes that ticks run in.
 */
final class FollowedPipelines {
    private static final Logger LOG = LoggerFactory.getLogger(FollowedPipelines.class);
    static final Duration MOST_PATIENCE = Duration.ofMinutes(5);
    private static final Duration STOP_PATIENCE = Duration.ofMinutes(1);

    private final WeirRuntime runtime;
    private final Clock clock;
    private final List<PipelineSpec> followed;
    private final FollowedCompactions compactions;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private volatile boolean following;

    FollowedPipelines(WeirRuntime runtime, Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
        this.followed = runtime.project().pipelines().stream()
                .filter(p -> p.pipeline().schedule().isFollowed())
                .toList();
        this.compactions = new FollowedCompactions(
                runtime, FollowedCompactions.DEFAULT_MIN_FILES_TO_REWRITE, new LoggedCompactions());
    }

    /** Starts the followers when this scheduler holds the lease, stops them when it does not. */
    synchronized void lead(boolean leader) {
        if (leader && !following) {
            following = true;
            followed.forEach(this::start);
        } else if (!leader && following) {
            LOG.info("the lease is lost: stopping {} followed pipelines", running.size());
            stop();
        }
    }

    /** Stops every follower; a batch in flight is cancelled and publishes nothing. */
    synchronized void stop() {
        following = false;
        running.values().forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_PATIENCE.toNanos();
        for (Thread thread : running.values()) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                LOG.warn("{} still runs a batch after a minute; it publishes nothing once cancelled", thread.getName());
            }
        }
        running.clear();
    }

    /** The followers running now. */
    int running() {
        return (int) running.values().stream().filter(Thread::isAlive).count();
    }

    private void start(PipelineSpec pipeline) {
        Thread thread = new Thread(() -> follow(pipeline), "weir-follow-" + pipeline.name());
        thread.setDaemon(true);
        running.put(pipeline.name(), thread);
        thread.start();
        LOG.info(
                "{}: followed, a batch every {} s",
                pipeline.name(),
                interval(pipeline).toSeconds());
    }

    private void follow(PipelineSpec pipeline) {
        Duration interval = interval(pipeline);
        IntervalFunction patience = IntervalFunction.ofExponentialBackoff(
                interval.toMillis(), 2, Math.max(interval.toMillis(), MOST_PATIENCE.toMillis()));
        int failures = 0;
        while (following && !Thread.currentThread().isInterrupted()) {
            long started = System.nanoTime();
            PipelineResult result;
            try {
                result = runtime.runAttempt(pipeline.name(), RunIds.next(clock));
            } catch (RuntimeException e) {
                if (!following || Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.error("{}: a batch failed unexpectedly", pipeline.name(), e);
                failures++;
                pause(Duration.ofMillis(patience.apply(failures)));
                continue;
            }
            if (!following || Thread.currentThread().isInterrupted()) {
                return;
            }
            Duration wait;
            if (result.record().status() == RunStatus.FAILED) {
                failures++;
                wait = Duration.ofMillis(patience.apply(failures));
                LOG.warn(
                        "{}: batch {} failed ({}); the next batch starts in {} s",
                        pipeline.name(),
                        result.record().runId(),
                        result.failure().map(WeirException::getMessage).orElse("see weir runs"),
                        wait.toSeconds());
            } else {
                failures = 0;
                compact(result);
                wait = interval.minusNanos(System.nanoTime() - started);
            }
            pause(wait);
        }
    }

    private void compact(PipelineResult result) {
        try {
            compactions.after(List.of(result));
        } catch (RuntimeException e) {
            // interrupted by a stop: the compaction committed, or left files the next compaction removes
            if (following && !Thread.currentThread().isInterrupted()) {
                throw e;
            }
        }
    }

    private static void pause(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration interval(PipelineSpec pipeline) {
        return pipeline.pipeline().schedule().followInterval().orElseThrow();
    }

    private static final class LoggedCompactions implements FollowedCompactions.Report {
        @Override
        public void compacted(TableCompactor.Result result) {
            LOG.info(
                    "compacted {}: {} data files -> {}, {} delete files dropped (snapshot {})",
                    result.table(),
                    result.dataFilesBefore(),
                    result.dataFilesAfter(),
                    result.deleteFiles(),
                    result.snapshotId().getAsLong());
        }

        @Override
        public void failed(TableId table, WeirException failure) {
            LOG.warn(
                    "compacting {} failed, which changed no row; a later compaction tries again: {}",
                    table,
                    failure.render());
        }
    }
}
