package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "table", description = "Inspect Weir tables.", subcommands = {TableCommand.History.class, TableCommand.ListTables.class})
final class TableCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "history", description = "List a table's snapshots, oldest first, with the run and pipeline that made each.")
    static final class History implements Callable<Integer> {
        @Parameters(paramLabel = "TABLE", description = "namespace.table")
        String table;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace workspace = Workspace.open(ProjectOptions.of(spec))) {
                TableId id = parse(table);
                if (workspace.tables().load(id).isEmpty()) {
                    throw unknown(id, workspace.tables().tables());
                }
                TextTable out = new TextTable(List.of("snapshot_id", "committed_at", "operation", "run_id", "pipeline",
                        "added_records", "deleted_records", "total_records", "watermark"));
                for (SnapshotInfo s : workspace.tables().history(id)) {
                    out.add(List.of(Long.toString(s.snapshotId()), s.committedAt().toString(), s.operation(), s.runId().orElse(""),
                            s.pipeline().orElse(""), s.summary().getOrDefault("added-records", "0"),
                            s.summary().getOrDefault("deleted-records", "0"), s.summary().getOrDefault("total-records", ""),
                            s.summary().getOrDefault(TableCommit.WATERMARK, "")));
                }
                out.print(spec.commandLine().getOut());
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List Weir tables with their current row and file counts.")
    static final class ListTables implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace workspace = Workspace.open(ProjectOptions.of(spec))) {
                TextTable out = new TextTable(List.of("table", "snapshot_id", "records", "data_files", "writer"));
                for (TableId id : workspace.tables().tables()) {
                    List<SnapshotInfo> history = workspace.tables().history(id);
                    Optional<SnapshotInfo> last = history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
                    out.add(List.of(id.toString(),
                            last.map(s -> Long.toString(s.snapshotId())).orElse(""),
                            last.map(s -> s.summary().getOrDefault("total-records", "0")).orElse("0"),
                            last.map(s -> s.summary().getOrDefault("total-data-files", "0")).orElse("0"),
                            workspace.project().writerOf(id).map(p -> p.name()).orElse("")));
                }
                out.print(spec.commandLine().getOut());
                return 0;
            }
        }
    }

    static TableId parse(String text) {
        if (!TableId.isValid(text)) {
            throw WeirException.withHint(ErrorCode.USAGE, "Invalid table name: '" + text + "'", "name a table as namespace.table, e.g. silver.orders");
        }
        return TableId.parse(text);
    }

    static WeirException unknown(TableId id, List<TableId> known) {
        return WeirException.withHint(ErrorCode.UNKNOWN_TABLE, "Unknown table: " + id,
                known.isEmpty() ? "no table exists yet: run `weir run` first" : "known tables: " + known);
    }
}
