package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.run.TableAttacher;
import dev.weir.core.run.TableTester;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "test",
        description = {
            "Run the quality checks of published tables without loading anything.",
            "A table's checks are its contract's (contracts/*.yaml) and its pipeline's post_load checks.",
            "Exits 1 if a blocking check (P0, or P1 without block: false) fails."
        })
final class TestCommand implements Callable<Integer> {
    private static final int MAX_SNAPSHOTS_BACK = 20;

    @Parameters(
            paramLabel = "TABLE|PIPELINE",
            arity = "0..*",
            description =
                    "Tables (namespace.table) or pipelines (their target table) to test (default: every table with checks).")
    List<String> targets = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            ProjectSpec project = workspace.project();
            List<TableId> tables = tables(project);
            TableTester tester = new TableTester(workspace.runServices(), new TableAttacher(workspace.tables()));
            Map<TableId, List<CheckResult>> byTable =
                    tester.test(tables, table -> TableTester.checksOf(project, table));
            PrintWriter out = spec.commandLine().getOut();
            TextTable table =
                    new TextTable(List.of("table", "check", "severity", "status", "observed", "threshold", "example"));
            byTable.forEach((id, results) -> results.forEach(r -> table.add(List.of(
                    id.toString(),
                    r.check(),
                    r.severity().name(),
                    r.status().name().toLowerCase(Locale.ROOT),
                    r.observed(),
                    r.threshold(),
                    r.sample().isEmpty() ? "" : r.sample().get(0)))));
            table.print(out);
            List<CheckResult> results =
                    byTable.values().stream().flatMap(List::stream).toList();
            long failed = results.stream().filter(r -> !r.passed()).count();
            long blocking =
                    results.stream().filter(r -> !r.passed() && r.blocking()).count();
            out.printf(
                    "%d checks on %d tables: %d passed, %d failed (%d blocking)%n",
                    results.size(), byTable.size(), results.size() - failed, failed, blocking);
            byTable.forEach((id, tableResults) -> offerRollback(workspace, tester, id, tableResults, out));
            out.flush();
            return blocking > 0 ? 1 : 0;
        }
    }

    /** After a P0 failure (the seed: "rollback if possible"), names the newest snapshot on which the failed P0 checks pass. */
    private static void offerRollback(
            WeirRuntime workspace, TableTester tester, TableId table, List<CheckResult> results, PrintWriter out) {
        Set<String> failedP0 = results.stream()
                .filter(r -> !r.passed() && r.severity() == Severity.P0)
                .map(CheckResult::check)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (failedP0.isEmpty()) {
            return;
        }
        List<CheckSpec> checks = TableTester.checksOf(workspace.project(), table).stream()
                .filter(c -> failedP0.contains(c.name()))
                .toList();
        Optional<SnapshotInfo> good = tester.lastGoodSnapshot(table, checks, MAX_SNAPSHOTS_BACK);
        if (good.isPresent()) {
            out.printf(
                    "P0 failed on %s (%s). The newest snapshot where those checks pass is %d (%s, run %s). Roll back with:%n"
                            + "  weir table rollback %s --to %d%n",
                    table,
                    String.join(", ", failedP0),
                    good.get().snapshotId(),
                    good.get().committedAt(),
                    good.get().runId().orElse("-"),
                    table,
                    good.get().snapshotId());
        } else {
            out.printf(
                    "P0 failed on %s (%s), and on every earlier snapshot checked (at most %d): there is no good snapshot to roll"
                            + " back to; fix the data and reload%n",
                    table, String.join(", ", failedP0), MAX_SNAPSHOTS_BACK);
        }
    }

    private List<TableId> tables(ProjectSpec project) {
        Set<TableId> tables = new LinkedHashSet<>();
        if (targets.isEmpty()) {
            project.contracts().forEach(c -> tables.add(c.table()));
            project.pipelines().stream()
                    .filter(p -> !p.qualityGates().postLoad().isEmpty())
                    .forEach(p -> tables.add(p.load().target()));
            return new ArrayList<>(tables);
        }
        for (String target : targets) {
            Optional<PipelineSpec> pipeline = project.pipeline(target);
            if (pipeline.isPresent()) {
                tables.add(pipeline.get().load().target());
            } else if (TableId.isValid(target)) {
                tables.add(TableId.parse(target));
            } else {
                throw WeirException.withHint(
                        ErrorCode.USAGE,
                        "Unknown table or pipeline: '" + target + "'",
                        "name a table as namespace.table or a pipeline of pipelines/");
            }
        }
        for (TableId table : tables) {
            if (TableTester.checksOf(project, table).isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.USAGE,
                        "Table " + table + " has no checks to run",
                        "declare a contract for it in contracts/ or post_load checks in its pipeline");
            }
        }
        return new ArrayList<>(tables);
    }
}
