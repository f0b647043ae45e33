package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.health.FailureClass;
import dev.weir.core.health.FailureTriage;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.RunRecord;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "why",
        description = "Explain why a run failed: its failing stage, the error class of the seed's failure triage"
                + " tree (connection, schema mismatch, data quality, out of memory, permission denied, duplicate"
                + " key, timeout, or unknown), its error message, its failed checks and the next steps.")
final class WhyCommand implements Callable<Integer> {
    private static final int RUNS_SEARCHED_FOR_A_PREFIX = 1000;

    @Parameters(paramLabel = "RUN_ID", description = "The run to explain (see weir runs).")
    String runId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            Metastore metastore = workspace.metastore();
            RunRecord run = metastore.run(runId).orElseThrow(() -> unknownRun(metastore));
            List<CheckResult> failedChecks = metastore.checkResults(run.runId()).stream()
                    .filter(c -> c.status() != CheckStatus.PASSED)
                    .toList();
            // the run record keeps the message, not the code: the triage reads stage, checks and message
            FailureClass failure = FailureTriage.classify(
                    run.status(), run.stage(), Optional.<ErrorCode>empty(), run.errorMessage(), failedChecks);
            print(spec.commandLine().getOut(), run, failure, failedChecks);
            return 0;
        }
    }

    private static void print(PrintWriter out, RunRecord run, FailureClass failure, List<CheckResult> failedChecks) {
        out.println("run:      " + run.runId() + " (" + run.pipelineName() + ", started " + run.startedAt() + ")");
        out.println("status:   " + run.status().wireName());
        out.println("stage:    " + run.stage());
        out.println("class:    " + failure.label());
        run.errorMessage().ifPresent(m -> out.println("error:    " + m));
        if (!failedChecks.isEmpty()) {
            out.println("failed checks:");
            for (CheckResult c : failedChecks) {
                out.println("  " + c.check() + " (" + c.phase().name().toLowerCase(java.util.Locale.ROOT) + ", "
                        + c.status().name().toLowerCase(java.util.Locale.ROOT) + "): observed " + c.observed()
                        + ", threshold " + c.threshold() + ", " + c.failingRows() + " failing rows");
            }
        }
        out.println("next steps:");
        for (String step : failure.nextSteps()) {
            out.println("  - " + step.replace("RUN_ID", run.runId()));
        }
        out.flush();
    }

    private WeirException unknownRun(Metastore metastore) {
        List<String> similar = metastore.recentRuns(Optional.empty(), RUNS_SEARCHED_FOR_A_PREFIX).stream()
                .map(RunRecord::runId)
                .filter(id -> id.startsWith(runId))
                .limit(5)
                .toList();
        String hint = similar.isEmpty()
                ? "weir runs lists the recent runs and their ids"
                : "did you mean " + String.join(", ", similar) + "?";
        return WeirException.withHint(ErrorCode.USAGE, "No run with id '" + runId + "'", hint);
    }
}
