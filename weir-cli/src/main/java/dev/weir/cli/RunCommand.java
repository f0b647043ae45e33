package dev.weir.cli;

import dev.weir.core.plan.ExecutionPlanner;
import dev.weir.core.run.PipelineResult;
import dev.weir.core.run.PipelineRunner;
import dev.weir.core.run.ProjectRunner;
import dev.weir.core.run.TableAttacher;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = {
        "Run pipelines in dependency order (all of them when none is named).",
        "A pipeline whose upstream fails is skipped. Each run appends a record to .weir/logs/runs.jsonl."})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PIPELINE", arity = "0..*", description = "Pipelines to run (default: all).")
    List<String> pipelines = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = Workspace.open(ProjectOptions.of(spec))) {
            ExecutionPlanner planner = new ExecutionPlanner();
            List<PipelineSpec> ordered = planner.order(workspace.project(), pipelines);
            PipelineRunner runner = new PipelineRunner(workspace.runServices(), new TableAttacher(workspace.tables()),
                    workspace.project().contracts());
            ProjectRunner project = new ProjectRunner(runner, workspace.runServices(),
                    p -> planner.upstreamOf(workspace.project(), p.name()));
            List<PipelineResult> results = project.run(ordered, result -> report(result, out, err));
            return exitCode(results);
        }
    }

    private static int exitCode(List<PipelineResult> results) {
        int code = 0;
        for (PipelineResult result : results) {
            if (result.failure().isPresent()) {
                code = Math.max(code, result.failure().get().code().category().exitCode());
            } else if (result.record().status() != RunStatus.SUCCESS && result.record().status() != RunStatus.BATCH_SKIPPED) {
                code = Math.max(code, 1);
            }
        }
        return code;
    }

    private static void report(PipelineResult result, PrintWriter out, PrintWriter err) {
        RunRecord r = result.record();
        String status = r.status().wireName().toUpperCase(Locale.ROOT);
        int checks = r.qualityChecksPassed() + r.qualityChecksFailed();
        String line = String.format(Locale.ROOT, "%-7s %-22s extracted %d, loaded %d, rejected %d;%s wrote %d rows%s; %.1fs; watermark %s -> %s; run %s",
                status, r.pipelineName(), r.rowsExtracted(), r.rowsLoaded(), r.rowsRejected(),
                checks == 0 ? "" : " checks " + r.qualityChecksPassed() + "/" + checks + " passed;", result.rowsWritten(),
                result.filesRewritten() > 0 ? " (" + result.filesRewritten() + " files rewritten)" : "",
                r.durationSeconds(), r.watermarkBefore().orElse("none"), r.watermarkAfter().orElse("none"), r.runId());
        if (r.status() == RunStatus.SKIPPED) {
            line = String.format(Locale.ROOT, "%-7s %-22s %s", status, r.pipelineName(), r.errorMessage().orElse(""));
        }
        out.println(line);
        out.flush();
        result.failure().ifPresent(e -> {
            err.println("  error in " + r.pipelineName() + " (stage " + r.stage() + "): " + e.render().replace(System.lineSeparator(), System.lineSeparator() + "  "));
            err.flush();
        });
    }
}
