package dev.weir.cli;

import dev.weir.core.spi.Backfill;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the latest backfills: days, chunks done, status and why.")
final class BackfillListCommand implements Callable<Integer> {
    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "At most N (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WeirRuntime runtime = ProjectOptions.of(spec).open()) {
            PrintWriter out = spec.commandLine().getOut();
            List<Backfill> backfills = runtime.metastore().backfills().recent(limit);
            if (backfills.isEmpty()) {
                out.println("no backfills yet");
            } else {
                TextTable table = new TextTable(
                        List.of("id", "pipeline", "days", "chunk", "status", "done", "anomalies", "reason"));
                for (Backfill b : backfills) {
                    table.add(List.of(
                            b.id(),
                            b.pipeline(),
                            b.start() + ".." + b.end(),
                            b.chunkSize(),
                            b.status().wireName(),
                            b.chunksDone() + "/" + b.chunks().size(),
                            Long.toString(b.anomalies().size()
                                    + b.chunks().stream()
                                            .mapToLong(c -> c.anomalies().size())
                                            .sum()),
                            b.reason()));
                }
                table.print(out);
            }
            out.flush();
            return 0;
        }
    }
}
