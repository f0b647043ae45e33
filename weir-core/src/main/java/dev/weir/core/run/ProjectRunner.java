package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.plan.DependencyGraph;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs pipelines in dependency order. A pipeline whose upstream failed (or was skipped) is not
 * started: it is recorded as skipped, naming the upstream that failed; so is every pipeline after a
 * cancellation (the thread interrupted).
 */
public final class ProjectRunner {
    private final PipelineRunner runner;
    private final RunServices services;
    private final DependencyGraph graph;

    /** @param graph the project's pipelines with what each depends on and reads */
    public ProjectRunner(PipelineRunner runner, RunServices services, DependencyGraph graph) {
        this.runner = runner;
        this.services = services;
        this.graph = graph;
    }

    /** Runs {@code ordered} (upstream first); the services' listener sees each result as it closes. */
    public List<PipelineResult> run(List<PipelineSpec> ordered) {
        Set<String> notSucceeded = new HashSet<>();
        List<PipelineResult> results = new ArrayList<>();
        for (PipelineSpec pipeline : ordered) {
            Optional<String> failedUpstream = graph.upstreamOf(pipeline.name()).stream()
                    .filter(notSucceeded::contains)
                    .sorted()
                    .findFirst();
            PipelineResult result;
            if (Thread.currentThread().isInterrupted()) {
                result = skipped(pipeline, "not run: the run was cancelled");
            } else if (failedUpstream.isPresent()) {
                result = skipped(pipeline, "not run: upstream pipeline '" + failedUpstream.get() + "' did not succeed");
            } else {
                result = missingInput(pipeline).orElseGet(() -> runner.run(pipeline));
            }
            if (result.record().status() != RunStatus.SUCCESS && result.record().status() != RunStatus.BATCH_SKIPPED) {
                notSucceeded.add(pipeline.name());
            }
            results.add(result);
        }
        return results;
    }

    /**
     * A pipeline whose input table does not exist yet (its writer never loaded it) would fail on a
     * raw catalog error: it fails at once instead, naming the pipeline to run first.
     */
    private Optional<PipelineResult> missingInput(PipelineSpec pipeline) {
        for (Map.Entry<TableId, String> input : graph.inputsOf(pipeline.name()).entrySet()) {
            boolean exists;
            try {
                exists = services.tables().load(input.getKey()).isPresent();
            } catch (WeirException unreadable) {
                return Optional.of(notStarted(
                        pipeline,
                        RunStatus.FAILED,
                        unreadable.render().replace(System.lineSeparator(), " — "),
                        Optional.of(unreadable)));
            }
            if (!exists) {
                WeirException missing = WeirException.withHint(
                        ErrorCode.UPSTREAM_FAILED,
                        "Cannot run " + pipeline.name() + ": its input " + input.getKey() + " does not exist yet",
                        "run pipeline '" + input.getValue() + "' first, or run `weir run +" + pipeline.name()
                                + "` to run it with everything it depends on");
                return Optional.of(notStarted(
                        pipeline,
                        RunStatus.FAILED,
                        missing.render().replace(System.lineSeparator(), " — "),
                        Optional.of(missing)));
            }
        }
        return Optional.empty();
    }

    private PipelineResult skipped(PipelineSpec pipeline, String why) {
        return notStarted(pipeline, RunStatus.SKIPPED, why, Optional.empty());
    }

    /**
     * Records a run that did not start. After a cancellation the thread stays interrupted, so the
     * record is written with the interrupt cleared (file channels refuse to work on an interrupted thread).
     */
    private PipelineResult notStarted(
            PipelineSpec pipeline, RunStatus status, String why, Optional<WeirException> failure) {
        Instant now = services.clock().instant();
        RunRecord record = new RunRecord(
                pipeline.name(),
                RunIds.next(services.clock()),
                now,
                Optional.of(now),
                status,
                "start",
                0,
                0,
                0,
                0,
                0,
                0,
                0.0,
                Optional.of(why),
                Optional.empty(),
                Optional.empty());
        PipelineResult result = PipelineResult.unpublished(record, failure);
        boolean interrupted = Thread.interrupted();
        try {
            services.record(record);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        services.listener().runFinished(result);
        return result;
    }
}
