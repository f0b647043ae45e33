package dev.weir.cli;

import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.runtime.WeirRuntime;
import dev.weir.scheduler.FollowedCompactions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        description = {
            "Run pipelines in dependency order (all of them when none is named).",
            "+NAME also runs what NAME depends on, NAME+ what depends on it (dbt's graph operators).",
            "A pipeline whose upstream fails is skipped. Each run appends a record to .weir/logs/runs.jsonl.",
            "SIGTERM or SIGINT (Ctrl-C) cancels the running pipeline: nothing is published, its files are removed,",
            "later pipelines are skipped, and weir exits 143 or 130; a pipeline already committing finishes first.",
            "A second signal stops the process at once.",
            "With --follow the pipelines run again every --interval (for streams such as kafka topics) until a",
            "signal, which ends it with exit 0 between batches; a transient failure is tried again at the next",
            "interval, any other failure ends it. Runs that extract nothing print nothing. Between batches each",
            "table loaded is compacted once --compact-after of its files are worth rewriting."
        })
final class RunCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "PIPELINE",
            arity = "0..*",
            description = "Pipelines to run (default: all), optionally +NAME, NAME+ or +NAME+.")
    List<String> pipelines = List.of();

    @Option(
            names = "--follow",
            description = "Keep running the pipelines, a batch every --interval, until SIGTERM or SIGINT.")
    boolean follow;

    @Option(
            names = "--interval",
            converter = AgeConverter.class,
            defaultValue = "10s",
            description = "With --follow: how often a batch starts, such as 10s or 1m (default: 10s); a batch that"
                    + " takes longer is followed at once.")
    Duration interval;

    @Option(
            names = "--compact-after",
            paramLabel = "FILES",
            defaultValue = "" + FollowedCompactions.DEFAULT_MIN_FILES_TO_REWRITE,
            description = "With --follow: compact a pipeline's table between batches once this many of its files are"
                    + " worth rewriting (small files, files with deletes; see weir table compact --help);"
                    + " default: 30, 0 never.")
    int compactAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!follow && spec.commandLine().getParseResult().hasMatchedOption("--interval")) {
            throw new ParameterException(spec.commandLine(), "--interval only applies with --follow");
        }
        if (!follow && spec.commandLine().getParseResult().hasMatchedOption("--compact-after")) {
            throw new ParameterException(spec.commandLine(), "--compact-after only applies with --follow");
        }
        if (compactAfter < 0) {
            throw new ParameterException(spec.commandLine(), "--compact-after must be 0 (never) or more");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--interval must be more than 0s");
        }
        RunOutput output =
                new RunOutput(spec.commandLine().getOut(), spec.commandLine().getErr(), follow);
        try (StopSignals signals = StopSignals.cancelling(Thread.currentThread());
                WeirRuntime runtime =
                        ProjectOptions.of(spec).runtime().listener(output).open()) {
            if (follow) {
                return new FollowedRuns(
                                runtime,
                                pipelines,
                                interval,
                                new FollowedCompactions(
                                        runtime,
                                        compactAfter,
                                        new PrintedCompactions(
                                                spec.commandLine().getOut(),
                                                spec.commandLine().getErr())),
                                signals,
                                spec.commandLine().getErr())
                        .follow();
            }
            List<PipelineResult> results = runtime.run(pipelines);
            if (signals.received().isEmpty()) {
                return exitCode(results);
            }
            Thread.interrupted(); // the cancellation is over: closing the project needs a thread that can do I/O
            Optional<String> stopped = whatTheSignalStopped(results);
            if (stopped.isEmpty()) {
                return exitCode(results);
            }
            spec.commandLine()
                    .getErr()
                    .println("weir: stopped by " + signals.received().get() + stopped.get());
            return signals.exitCode();
        }
    }

    /**
     * What a stop signal did to the runs, if anything: it cancels the pipeline that is running,
     * unless that pipeline is already committing, which then publishes and records its run; either
     * way the pipelines after it are skipped. A signal during the last commit stops nothing.
     */
    static Optional<String> whatTheSignalStopped(List<PipelineResult> results) {
        if (results.stream().anyMatch(r -> r.record().status() == RunStatus.CANCELLED)) {
            return Optional.of(
                    ": the running pipeline was cancelled and published nothing; run again to load its batch");
        }
        int last = results.size() - 1;
        while (last >= 0 && results.get(last).record().status() == RunStatus.SKIPPED) {
            last--;
        }
        if (last == results.size() - 1) {
            return Optional.empty();
        }
        String notRun = last < 0 ? "no pipeline was run" : "the pipelines after it were not run";
        return Optional.of(
                last < 0
                        ? ": " + notRun + "; run again to run them"
                        : " after " + results.get(last).record().pipelineName() + " published: " + notRun
                                + "; run again to run them");
    }

    static int exitCode(List<PipelineResult> results) {
        int code = 0;
        for (PipelineResult result : results) {
            if (result.failure().isPresent()) {
                code = Math.max(code, result.failure().get().code().category().exitCode());
            } else if (result.record().status() != RunStatus.SUCCESS
                    && result.record().status() != RunStatus.BATCH_SKIPPED) {
                code = Math.max(code, 1);
            }
        }
        return code;
    }
}
