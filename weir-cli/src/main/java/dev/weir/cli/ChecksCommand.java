package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "checks",
        description = {
            "Show the quality check results of a pipeline's latest run (or of one run), with a failing row of each failed check."
        })
final class ChecksCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PIPELINE", description = "The pipeline whose latest run to show.", arity = "0..1")
    Optional<String> pipeline = Optional.empty();

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Show this run (or `weir test` id) instead.")
    Optional<String> run = Optional.empty();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (pipeline.isEmpty() && run.isEmpty()) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Name a pipeline or a run",
                    "e.g. weir checks silver_orders, or weir checks --run <run_id>");
        }
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            String runId = run.orElseGet(() -> latestRun(workspace, pipeline.get()));
            List<CheckResult> results = workspace.metastore().checkResults(runId);
            if (results.isEmpty() && workspace.metastore().run(runId).isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.USAGE,
                        "Unknown run: " + runId,
                        "weir runs lists run ids; weir test prints none, use weir checks --run test-...");
            }
            PrintWriter out = spec.commandLine().getOut();
            TextTable table = new TextTable(List.of(
                    "phase",
                    "check",
                    "severity",
                    "status",
                    "blocking",
                    "observed",
                    "threshold",
                    "failing_rows",
                    "example"));
            for (CheckResult r : results) {
                table.add(List.of(
                        r.phase().yamlName(),
                        r.check(),
                        r.severity().name(),
                        r.status().name().toLowerCase(Locale.ROOT),
                        r.blocking() ? "yes" : "no",
                        r.observed(),
                        r.threshold(),
                        Long.toString(r.failingRows()),
                        r.sample().isEmpty() ? "" : r.sample().get(0)));
            }
            table.print(out);
            out.printf("(%d check results of run %s)%n", results.size(), runId);
            out.flush();
            return 0;
        }
    }

    private static String latestRun(WeirRuntime workspace, String name) {
        if (workspace.project().pipeline(name).isEmpty()) {
            throw WeirException.withHint(
                    ErrorCode.UNKNOWN_PIPELINE,
                    "Unknown pipeline: " + name,
                    "known pipelines: "
                            + workspace.project().pipelines().stream()
                                    .map(p -> p.name())
                                    .toList());
        }
        return workspace.metastore().recentRuns(Optional.of(name), 1).stream()
                .findFirst()
                .map(RunRecord::runId)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.USAGE, "Pipeline " + name + " has not run yet", "run it with weir run " + name));
    }
}
