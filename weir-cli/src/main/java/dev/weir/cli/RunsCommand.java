package dev.weir.cli;

import dev.weir.core.spi.RunRecord;
import dev.weir.runtime.WeirRuntime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs", description = "List recent runs, newest first.")
final class RunsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "Only runs of this pipeline.")
    String pipeline;

    @Option(
            names = {"-n", "--limit"},
            defaultValue = "20",
            description = "How many runs to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            TextTable table = new TextTable(List.of(
                    "started_at",
                    "pipeline",
                    "run_id",
                    "status",
                    "stage",
                    "extracted",
                    "loaded",
                    "rejected",
                    "seconds",
                    "watermark_after",
                    "error",
                    "warnings"));
            for (RunRecord r : workspace.metastore().recentRuns(Optional.ofNullable(pipeline), limit)) {
                table.add(List.of(
                        r.startedAt().toString(),
                        r.pipelineName(),
                        r.runId(),
                        r.status().wireName(),
                        r.stage(),
                        Long.toString(r.rowsExtracted()),
                        Long.toString(r.rowsLoaded()),
                        Long.toString(r.rowsRejected()),
                        String.format(Locale.ROOT, "%.1f", r.durationSeconds()),
                        r.watermarkAfter().orElse(""),
                        r.errorMessage().orElse(""),
                        String.join("; ", r.warnings())));
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }
}
