package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Backfill;
import dev.weir.core.spi.BackfillChunk;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        description = "Show one backfill's record: what was done and why, each chunk's run, rows before and after,"
                + " checks, and the anomalies found.")
final class BackfillShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The backfill's id, as `weir backfill list` shows it.")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WeirRuntime runtime = ProjectOptions.of(spec).open()) {
            Backfill b = runtime.metastore()
                    .backfills()
                    .backfill(id)
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.USAGE, "No backfill with id '" + id + "'", "`weir backfill list` lists them"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("backfill " + b.id() + ": " + b.pipeline() + ", " + b.start() + " to " + b.end() + " in "
                    + b.chunkSize() + " chunks, " + b.status().wireName() + " (" + b.chunksDone() + " of "
                    + b.chunks().size() + " chunks done)");
            out.println("requested " + b.requestedAt()
                    + b.finishedAt().map(f -> ", finished " + f).orElse(""));
            out.println("reason: " + (b.reason().isEmpty() ? "-" : b.reason()));
            TextTable table = new TextTable(List.of(
                    "chunk",
                    "status",
                    "run",
                    "rows before",
                    "rows after",
                    "read",
                    "loaded",
                    "rejected",
                    "checks",
                    "anomalies"));
            for (BackfillChunk c : b.chunks()) {
                table.add(List.of(
                        BackfillOutput.days(c),
                        c.status().wireName(),
                        c.runId().orElse("-"),
                        Long.toString(c.rowsBefore()),
                        Long.toString(c.rowsAfter()),
                        Long.toString(c.rowsExtracted()),
                        Long.toString(c.rowsLoaded()),
                        Long.toString(c.rowsRejected()),
                        c.checksPassed() + " passed, " + c.checksFailed() + " failed",
                        String.join("; ", c.anomalies())
                                + c.message().map(m -> " " + m).orElse("")));
            }
            table.print(out);
            out.println(b.anomalies().isEmpty() ? "anomalies across chunks: none" : "anomalies across chunks:");
            b.anomalies().forEach(a -> out.println("  " + a));
            out.flush();
            return 0;
        }
    }
}
