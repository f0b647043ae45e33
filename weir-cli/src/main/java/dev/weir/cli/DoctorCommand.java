package dev.weir.cli;

import dev.weir.core.error.ErrorCategory;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.TableRecovery;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "doctor",
        description = {
            "Check the project's state without changing it: the database (SQLite: PRAGMA integrity_check;"
                    + " PostgreSQL: reachable, with the catalog tables), the metastore, every table's current metadata file and the files its current snapshot needs,"
                    + " the files under each table that nothing of it references (left by a killed commit),"
                    + " and what sources keep at their origins: the replication slots of CDC pipelines in their"
                    + " databases, with the WAL each keeps, and any slot named weir_... that no pipeline of the"
                    + " project reads (left by a pipeline removed without weir cdc drop).",
            "Prints one line per thing checked, `ok` or `PROBLEM` with the command that repairs it.",
            "With --fix, removes the unreferenced files older than --older-than (default 1d), which no commit in"
                    + " progress can still be writing.",
            "Exit codes: 0 nothing wrong (or everything fixed), 1 a problem found."
        })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fix", description = "Remove the unreferenced files older than --older-than.")
    boolean fix;

    @Option(
            names = "--older-than",
            paramLabel = "AGE",
            defaultValue = "1d",
            converter = AgeConverter.class,
            description =
                    "How old an unreferenced file must be to count as a leak: 30m, 12h, 7d (default: ${DEFAULT-VALUE}).")
    Duration olderThan;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProjectOptions options = ProjectOptions.of(spec);
        try (WeirRuntime workspace = options.open()) {
            if (!(workspace.tables() instanceof TableRecovery recovery)) {
                throw WeirException.withHint(
                        ErrorCode.USAGE,
                        "Cannot check the tables: the project's table catalog cannot check itself",
                        "check the tables with the tools of their catalog");
            }
            List<HealthFinding> findings = new ArrayList<>(recovery.check());
            findings.add(1, metastore(workspace));
            findings.addAll(new UnreferencedFindings(recovery, olderThan, fix)
                    .of(workspace.tables().tables()));
            findings.addAll(WeirRuntime.checkSourceOrigins(workspace.project(), options.environment()::get));
            long problems = findings.stream().filter(f -> !f.healthy()).count();
            for (HealthFinding finding : findings) {
                out.println(line(finding));
            }
            out.println(
                    problems == 0
                            ? "No problem found (" + workspace.tables().tables().size()
                                    + " tables, the database, the metastore and the sources' origins)."
                            : problems + (problems == 1 ? " problem" : " problems") + " found.");
            out.flush();
            return problems == 0 ? 0 : ErrorCategory.RUN.exitCode();
        }
    }

    private static HealthFinding metastore(WeirRuntime workspace) {
        try {
            Optional<RunRecord> latest = workspace.metastore().recentRuns(Optional.empty(), 1).stream()
                    .findFirst();
            return HealthFinding.healthy(
                    "metastore",
                    latest.map(run -> "readable, latest run " + run.runId() + " of " + run.pipelineName())
                            .orElse("readable, no run yet"));
        } catch (RuntimeException e) {
            return HealthFinding.problem(
                    "metastore",
                    "cannot be read: " + e.getMessage(),
                    Optional.of("restore the database file from a backup"));
        }
    }

    private static String line(HealthFinding finding) {
        if (finding.healthy()) {
            return String.format(
                    "%-7s %s: %s",
                    finding.detail().startsWith(UnreferencedFindings.FIXED) ? "fixed" : "ok",
                    finding.subject(),
                    finding.detail());
        }
        return String.format(
                "%-7s %s: %s%s",
                "PROBLEM",
                finding.subject(),
                finding.problem().orElseThrow(),
                finding.repair().map(r -> "; repair: " + r).orElse(""));
    }
}
