package dev.weir.cli;

import dev.weir.core.backfill.BackfillPlan;
import dev.weir.core.backfill.BackfillRequest;
import dev.weir.core.backfill.BackfillRunner;
import dev.weir.core.backfill.ChunkSize;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Backfill;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "backfill",
        description = {
            "Reload a pipeline's rows whose incremental key falls on the days --start to --end (both included),",
            "by the seed's Backfill Protocol: it prints the scope (chunks, table) and the impact (downstream",
            "pipelines and tables, and how each catches up) first, then runs one chunk at a time, most recent",
            "first, each a run of its own that replaces the chunk's rows (upsert, merge or partition-swap) and",
            "never moves the pipeline's watermark. Each chunk takes the pipeline's lock, so scheduled runs go on",
            "between chunks. Run the same command again after a failure or a kill: finished chunks are skipped.",
            "Days are days of scheduler.time_zone. `weir backfill list` and `weir backfill show ID` print records."
        },
        subcommands = {BackfillListCommand.class, BackfillShowCommand.class})
final class BackfillCommand implements Callable<Integer> {
    // not required in picocli's terms, which would demand them of `weir backfill list` too
    @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "The pipeline to backfill.")
    String pipeline;

    @Option(names = "--start", paramLabel = "DATE", description = "First day, as 2025-01-31 (required).")
    String start;

    @Option(names = "--end", paramLabel = "DATE", description = "Last day (included), as 2025-12-31 (required).")
    String end;

    @Option(
            names = "--chunk",
            paramLabel = "SIZE",
            defaultValue = "day",
            description = "Chunk size: day, week (ISO, from Monday) or month (default: ${DEFAULT-VALUE}).")
    String chunk;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "", description = "Why, kept in the record.")
    String reason;

    @Option(names = "--dry-run", description = "Print the scope and impact and do nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (pipeline == null || start == null || end == null) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Missing " + (pipeline == null ? "PIPELINE" : start == null ? "--start" : "--end"),
                    "weir backfill PIPELINE --start DATE --end DATE, or weir backfill list | show ID");
        }
        BackfillRequest request =
                new BackfillRequest(pipeline, day("--start", start), day("--end", end), size(), reason);
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignals signals = StopSignals.cancelling(Thread.currentThread());
                WeirRuntime runtime = ProjectOptions.of(spec).open()) {
            BackfillPlan plan = runtime.planBackfill(request);
            BackfillOutput output = new BackfillOutput(out, System.console() != null);
            BackfillRunner runner = runtime.backfills(output);
            Optional<Backfill> resumed = runner.resumable(plan);
            output.printPlan(plan, resumed);
            if (dryRun) {
                out.println("dry run: nothing was done");
                out.flush();
                return 0;
            }
            Backfill ended = runner.run(plan);
            Thread.interrupted(); // a stop signal ends the backfill between chunks; printing needs a thread that can
            // do I/O
            output.printEnd(plan, ended);
            if (signals.received().isPresent() && ended.status() != Backfill.Status.DONE) {
                spec.commandLine()
                        .getErr()
                        .println("weir: stopped by " + signals.received().get()
                                + "; run the same command again to resume the backfill");
                return signals.exitCode();
            }
            return ended.status() == Backfill.Status.DONE ? 0 : 1;
        }
    }

    private ChunkSize size() {
        return ChunkSize.fromWireName(chunk)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.USAGE, "Invalid --chunk: '" + chunk + "'", "use one of day, week, month"));
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Invalid " + option + ": '" + text + "'",
                    "write a day as YYYY-MM-DD, such as 2025-01-31");
        }
    }
}
