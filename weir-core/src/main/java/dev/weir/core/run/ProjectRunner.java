package dev.weir.core.run;

import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs pipelines in dependency order. A pipeline whose upstream failed (or was skipped) is not
 * started: it is recorded as skipped, naming the upstream that failed.
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

    /** Runs {@code ordered} (upstream first), reporting each result to {@code onResult} as it closes. */
    public List<PipelineResult> run(List<PipelineSpec> ordered, Consumer<PipelineResult> onResult) {
        Set<String> notSucceeded = new HashSet<>();
        List<PipelineResult> results = new ArrayList<>();
        for (PipelineSpec pipeline : ordered) {
            Optional<String> failedUpstream = upstreamOf.apply(pipeline).stream().filter(notSucceeded::contains).sorted().findFirst();
            PipelineResult result = failedUpstream.isPresent() ? skipped(pipeline, failedUpstream.get()) : runner.run(pipeline);
            if (result.record().status() != RunStatus.SUCCESS && result.record().status() != RunStatus.BATCH_SKIPPED) {
                notSucceeded.add(pipeline.name());
            }
            results.add(result);
            onResult.accept(result);
        }
        return results;
    }

    private PipelineResult skipped(PipelineSpec pipeline, String upstream) {
        Instant now = services.clock().instant();
        RunRecord record = new RunRecord(pipeline.name(), RunIds.next(services.clock()), now, Optional.of(now), RunStatus.SKIPPED,
                "start", 0, 0, 0, 0, 0, 0, 0.0, Optional.of("not run: upstream pipeline '" + upstream + "' did not succeed"),
                Optional.empty(), Optional.empty());
        services.metastore().saveRun(record);
        services.runLog().append(record);
        return new PipelineResult(record, Optional.empty(), 0, 0);
    }
}
