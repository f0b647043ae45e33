package dev.weir.core.run;

import dev.weir.core.spec.AlertSettings;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.AlertChannelFactory;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Engine;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.RunListener;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.TableCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a run needs from outside: state stores, the engine and source of each pipeline, alert
 * channels, the listener that sees its events, paths, secrets, time and fail points.
 *
 * @param listener sees every run's events; an exception it throws is logged and ignored
 *
 * @param engines the engines by name ({@code engine:} in specs)
 * @param projectEngine the name of the project's engine, which also runs what belongs to no pipeline (tests, compaction)
 * @param sources opens a pipeline's source for one run
 * @param secrets looks up a secret by name for sources (never logged)
 */
public record RunServices(
        Metastore metastore,
        TableCatalog tables,
        Function<String, Engine> engines,
        String projectEngine,
        BiFunction<PipelineSpec, SourceContext, Source> sources,
        List<AlertChannelFactory> alertChannels,
        AlertSettings alertSettings,
        RunListener listener,
        RunLog runLog,
        Path projectRoot,
        Path stateDir,
        Function<String, Optional<String>> secrets,
        Clock clock,
        FailPoints failPoints) {
    public RunServices {
        Objects.requireNonNull(metastore, "metastore is null");
        Objects.requireNonNull(tables, "tables is null");
        Objects.requireNonNull(engines, "engines is null");
        Objects.requireNonNull(projectEngine, "projectEngine is null");
        Objects.requireNonNull(sources, "sources is null");
        alertChannels = List.copyOf(alertChannels);
        Objects.requireNonNull(alertSettings, "alertSettings is null");
        listener = RunListeners.guarded(List.of(Objects.requireNonNull(listener, "listener is null")));
        Objects.requireNonNull(runLog, "runLog is null");
        Objects.requireNonNull(projectRoot, "projectRoot is null");
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(secrets, "secrets is null");
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(failPoints, "failPoints is null");
    }

    /** The project's engine. */
    Engine engine() {
        return engines.apply(projectEngine);
    }

    /** The engine {@code pipeline}'s stages run on. */
    Engine engineOf(PipelineSpec pipeline) {
        return engines.apply(pipeline.transform().engine());
    }

    Path lockDir() {
        return stateDir.resolve("locks");
    }

    Path scratchDir(String runId) {
        return stateDir.resolve("tmp").resolve(runId);
    }

    /**
     * Appends a closed run to the run log, then to the metastore. In that order, a process that dies
     * between the two leaves the run marked running in the metastore, and the run that closes it
     * takes its record from the log ({@link InterruptedRuns}): the two never disagree.
     */
    void record(RunRecord run) {
        runLog.append(run);
        failPoints.reach(FailPoints.AFTER_LOG_BEFORE_METASTORE, run.pipelineName());
        metastore.saveRun(run);
    }

    /** The source of one run of {@code pipeline}, with a scratch directory of the run's own. */
    Source openSource(PipelineSpec pipeline, String runId, Cancellation cancellation) {
        return sources()
                .apply(
                        pipeline,
                        new SourceContext(
                                pipeline.name(),
                                projectRoot(),
                                scratchDir(runId).resolve("source"),
                                secrets(),
                                cancellation));
    }
}
