package dev.weir.cli;

import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.runtime.WeirRuntime;
import dev.weir.scheduler.FollowedCompactions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code weir run --follow}: the pipelines run again and again, a batch starting every interval (at
 * once when the last took longer), in one process, so a stream is loaded within about an interval
 * of its messages. Each batch is an ordinary run, committed with its position or not at all, so a
 * stop signal between batches leaves nothing half done, and one during a batch cancels it as
 * {@code weir run} does. A transient failure (a source out of reach, a commit conflict) is tried
 * again at the next interval; any other failure needs a person and ends the loop. Between batches
 * the tables loaded are compacted when they are due ({@link FollowedCompactions}).
 */
final class FollowedRuns {
    private final WeirRuntime runtime;
    private final List<String> pipelines;
    private final Duration interval;
    private final FollowedCompactions compactions;
    private final StopSignals signals;
    private final PrintWriter err;

    FollowedRuns(
            WeirRuntime runtime,
            List<String> pipelines,
            Duration interval,
            FollowedCompactions compactions,
            StopSignals signals,
            PrintWriter err) {
        this.runtime = runtime;
        this.pipelines = pipelines;
        this.interval = interval;
        this.compactions = compactions;
        this.signals = signals;
        this.err = err;
    }

    /** Runs batches until a stop signal or a failure that is not transient; returns the exit code. */
    int follow() {
        while (true) {
            long started = System.nanoTime();
            List<PipelineResult> results = runtime.run(pipelines);
            if (signals.received().isPresent()) {
                Thread.interrupted(); // the cancellation is over: closing the project needs a thread that can do I/O
                Optional<String> stopped = RunCommand.whatTheSignalStopped(results);
                if (stopped.isPresent()) {
                    err.println("weir: stopped by " + signals.received().get() + stopped.get());
                    return signals.exitCode();
                }
                return stoppedBetweenBatches();
            }
            Optional<PipelineResult> needsAPerson = results.stream()
                    .filter(r -> r.record().status() == RunStatus.FAILED
                            && r.failure().map(e -> !e.code().isTransient()).orElse(true))
                    .findFirst();
            if (needsAPerson.isPresent()) {
                err.println("weir: stopped following: "
                        + needsAPerson.get().record().pipelineName()
                        + " failed with an error that another batch would meet again; fix it and start again");
                return RunCommand.exitCode(results);
            }
            try {
                compactions.after(results);
            } catch (RuntimeException e) {
                // a signal interrupts a compaction's I/O: it committed, or left files the next compaction removes
                if (signals.received().isEmpty()) {
                    throw e;
                }
            }
            if (signals.received().isPresent()) {
                Thread.interrupted();
                return stoppedBetweenBatches();
            }
            long waitNanos = interval.toNanos() - (System.nanoTime() - started);
            if (waitNanos > 0) {
                try {
                    Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                } catch (InterruptedException signalled) {
                    return stoppedBetweenBatches();
                }
            }
        }
    }

    private int stoppedBetweenBatches() {
        err.println("weir: stopped by " + signals.received().orElse("a signal")
                + " between batches: every batch read was committed");
        err.flush();
        return 0;
    }
}
