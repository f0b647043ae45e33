package dev.weir.core.run;

import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs pipelines in dependency order. A pipeline whose upstream failed (or was skipped) is not
 * started: it is recorded as skipped, naming the upstream that failed; so is every pipeline after a
 * cancellation (the thread interrupted).
 */
public final class ProjectRunner {
    private final PipelineRunner runner;
    private final RunServices services;
    private final Function<PipelineSpec, Set<String>> upstreamOf;

    /** @param upstreamOf the pipelines a pipeline depends on directly */
    public ProjectRunner(PipelineRunner runner, RunServices services, Function<PipelineSpec, Set<String>> upstreamOf) {
        this.runner = runner;
        this.services = services;
        this.upstreamOf = upstreamOf;
    }

    /** Runs {@code ordered} (upstream first); the services' listener sees each result as it closes. */
    public List<PipelineResult> run(List<PipelineSpec> ordered) {
        Set<String> notSucceeded = new HashSet<>();
        List<PipelineResult> results = new ArrayList<>();
        for (PipelineSpec pipeline : ordered) {
            Optional<String> failedUpstream = upstreamOf.apply(pipeline).stream()
                    .filter(notSucceeded::contains)
                    .sorted()
                    .findFirst();
            PipelineResult result;
            if (Thread.currentThread().isInterrupted()) {
                result = skipped(pipeline, "not run: the run was cancelled");
            } else if (failedUpstream.isPresent()) {
                result = skipped(pipeline, "not run: upstream pipeline '" + failedUpstream.get() + "' did not succeed");
            } else {
                result = runner.run(pipeline);
            }
            if (result.record().status() != RunStatus.SUCCESS && result.record().status() != RunStatus.BATCH_SKIPPED) {
                notSucceeded.add(pipeline.name());
            }
            results.add(result);
        }
        return results;
    }

    private PipelineResult skipped(PipelineSpec pipeline, String why) {
        Instant now = services.clock().instant();
        RunRecord record = new RunRecord(
                pipeline.name(),
                RunIds.next(services.clock()),
                now,
                Optional.of(now),
                RunStatus.SKIPPED,
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
        PipelineResult result = new PipelineResult(record, Optional.empty(), 0, 0);
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
