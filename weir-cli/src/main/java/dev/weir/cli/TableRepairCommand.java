package dev.weir.cli;

import dev.weir.core.run.TableRepair;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.MetadataVersion;
import dev.weir.core.spi.RunRecord;
import dev.weir.runtime.WeirRuntime;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        name = "repair",
        description = {
            "Bring back a table whose current metadata file is missing or corrupt.",
            "Lists the table's metadata log (its current metadata file and the earlier ones Iceberg keeps), picks the"
                    + " newest readable earlier file, shows what the table would lose (the commits of the runs after"
                    + " it, and the watermark it goes back to), and after confirmation makes that file current,"
                    + " holding the lock of the table's pipeline. The next run of the pipeline loads again what was"
                    + " lost. No file is deleted: the unreadable one stays where it is.",
            "Exit codes: 0 repaired (or nothing to repair), 1 not repaired."
        })
final class TableRepairCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TABLE", description = "namespace.table")
    String table;

    @Option(
            names = "--to",
            paramLabel = "METADATA_FILE",
            description = "Make this file of the metadata log current (its name or path) instead of the newest"
                    + " readable earlier one.")
    String to;

    @Option(
            names = {"-y", "--yes"},
            description = "Repair without asking (for scripts); without it the repair asks on a terminal and"
                    + " changes nothing elsewhere.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            TableId id = TableCommand.parse(table);
            Optional<String> writer = workspace.project().writerOf(id).map(p -> p.name());
            TableRepair repair = new TableRepair(workspace.runServices());
            List<MetadataVersion> log = repair.log(id);
            print(out, id, log);
            TableRepair.Plan plan = repair.plan(id, log, Optional.ofNullable(to), writer);
            if (plan.target().isEmpty()) {
                out.println("Nothing to repair: the current metadata file of " + id + " is readable"
                        + " (`--to METADATA_FILE` makes an earlier one current)");
                out.flush();
                return 0;
            }
            describe(out, plan, writer);
            if (!confirmed()) {
                spec.commandLine()
                        .getErr()
                        .println("Nothing changed: rerun with --yes to repair " + id + " (or answer y on a terminal)");
                spec.commandLine().getErr().flush();
                return 1;
            }
            repair.apply(plan, writer);
            MetadataVersion target = plan.target().get();
            out.println("Repaired " + id + ": " + name(target) + " is current"
                    + target.snapshot()
                            .map(s -> " (snapshot " + s.snapshotId() + ")")
                            .orElse("")
                    + (plan.current().readable() ? "" : "; the unreadable file stays in place")
                    + writer.map(p -> "; `weir run " + p + "` loads again what was lost")
                            .orElse(""));
            out.flush();
            return 0;
        }
    }

    private static void print(PrintWriter out, TableId id, List<MetadataVersion> log) {
        out.println("Metadata log of " + id + " (newest first) in "
                + Path.of(log.get(0).file()).getParent() + ":");
        TextTable files = new TextTable(List.of("file", "role", "written_at", "snapshot_id", "snapshots", "state"));
        for (MetadataVersion version : log) {
            files.add(List.of(
                    name(version),
                    version.current() ? "current" : "earlier",
                    version.writtenAt().map(Object::toString).orElse(""),
                    version.snapshot().map(s -> Long.toString(s.snapshotId())).orElse(""),
                    version.readable() ? Integer.toString(version.history().size()) : "",
                    version.problem().map(p -> "unreadable: " + p).orElse("readable")));
        }
        files.print(out);
    }

    private static void describe(PrintWriter out, TableRepair.Plan plan, Optional<String> writer) {
        MetadataVersion target = plan.target().orElseThrow();
        out.println();
        out.println("Would make " + name(target) + " current"
                + target.snapshot()
                        .map(s -> ": snapshot " + s.snapshotId() + " of " + s.committedAt()
                                + s.runId().map(r -> " by run " + r).orElse(""))
                        .orElse(": no snapshot"));
        if (plan.lostRuns().isEmpty()) {
            out.println("Would be lost: no run's commit that the metastore knows of"
                    + (writer.isEmpty() ? " (no pipeline of this project writes the table)" : ""));
        } else {
            long rows =
                    plan.lostRuns().stream().mapToLong(RunRecord::rowsLoaded).sum();
            out.printf(
                    Locale.ROOT,
                    "Would be lost: %d snapshot%s (run%s %s), %d rows loaded by %s:%n",
                    plan.lostRuns().size(),
                    plan.lostRuns().size() == 1 ? "" : "s",
                    plan.lostRuns().size() == 1 ? "" : "s",
                    String.join(
                            ", ", plan.lostRuns().stream().map(RunRecord::runId).toList()),
                    rows,
                    plan.lostRuns().size() == 1 ? "it" : "them");
            for (RunRecord run : plan.lostRuns()) {
                out.printf(
                        Locale.ROOT,
                        "  run %s of %s, %s: loaded %d rows, rejected %d; watermark %s -> %s%n",
                        run.runId(),
                        run.pipelineName(),
                        run.completedAt().map(Object::toString).orElse(""),
                        run.rowsLoaded(),
                        run.rowsRejected(),
                        run.watermarkBefore().orElse("none"),
                        run.watermarkAfter().orElse("none"));
            }
        }
        if (writer.isPresent() && !plan.watermarkNow().equals(plan.watermarkAfter())) {
            out.println("The watermark of " + writer.get() + " goes back from "
                    + plan.watermarkNow().orElse("none") + " to "
                    + plan.watermarkAfter().orElse("none")
                    + ": its next run loads that data again.");
        }
        out.flush();
    }

    private boolean confirmed() {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("Make it current? [y/N] ");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    private static String name(MetadataVersion version) {
        return Path.of(version.file()).getFileName().toString();
    }
}
