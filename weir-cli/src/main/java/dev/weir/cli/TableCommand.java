package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.TableRollback;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.runtime.WeirRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "table",
        description = "Inspect and maintain Weir tables.",
        subcommands = {
            TableCommand.History.class,
            TableCommand.ListTables.class,
            TableCompactCommand.class,
            TableCommand.Rollback.class,
            TableRepairCommand.class
        })
final class TableCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "history",
            description = {
                "List a table's snapshots, oldest first, with the run and pipeline that made each,",
                "the rows each added and removed, the rows it holds (live_records) and those its",
                "position deletes remove (position_deleted)."
            })
    static final class History implements Callable<Integer> {
        @Parameters(paramLabel = "TABLE", description = "namespace.table")
        String table;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
                TableId id = existing(workspace, table);
                TextTable out = new TextTable(List.of(
                        "snapshot_id",
                        "committed_at",
                        "operation",
                        "run_id",
                        "pipeline",
                        "added_records",
                        "deleted_records",
                        "live_records",
                        "position_deleted",
                        "watermark"));
                for (SnapshotInfo s : workspace.tables().history(id)) {
                    out.add(List.of(
                            Long.toString(s.snapshotId()),
                            s.committedAt().toString(),
                            s.operation(),
                            s.runId().orElse(""),
                            s.pipeline().orElse(""),
                            s.summary().getOrDefault("added-records", "0"),
                            s.summary().getOrDefault("deleted-records", "0"),
                            liveRecords(s.summary()),
                            s.summary().getOrDefault("total-position-deletes", "0"),
                            s.summary().getOrDefault(TableCommit.WATERMARK, "")));
                }
                out.print(spec.commandLine().getOut());
                return 0;
            }
        }
    }

    /**
     * The rows a snapshot's readers see: its data rows less the rows its position deletes remove
     * (Weir keeps one delete file per data file, so no position is counted twice).
     */
    static String liveRecords(java.util.Map<String, String> summary) {
        String total = summary.get("total-records");
        if (total == null) {
            return "";
        }
        return Long.toString(
                Long.parseLong(total) - Long.parseLong(summary.getOrDefault("total-position-deletes", "0")));
    }

    @Command(
            name = "list",
            description = {
                "List Weir tables with their current row and file counts.",
                "records counts live rows: those in data files minus those position deletes remove.",
                "A table whose metadata cannot be read is listed as unreadable, with an error line each (exit 1)."
            })
    static final class ListTables implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
                TextTable out = new TextTable(
                        List.of("table", "snapshot_id", "records", "data_files", "delete_files", "writer"));
                List<WeirException> unreadable = new ArrayList<>();
                for (TableId id : workspace.tables().tables()) {
                    String writer =
                            workspace.project().writerOf(id).map(p -> p.name()).orElse("");
                    List<SnapshotInfo> history;
                    try {
                        history = workspace.tables().history(id);
                    } catch (WeirException e) {
                        if (e.code() != ErrorCode.TABLE_UNREADABLE) {
                            throw e;
                        }
                        unreadable.add(e);
                        out.add(List.of(id.toString(), "unreadable", "", "", "", writer));
                        continue;
                    }
                    Optional<SnapshotInfo> last =
                            history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
                    out.add(List.of(
                            id.toString(),
                            last.map(s -> Long.toString(s.snapshotId())).orElse(""),
                            last.map(TableCommand::liveRecords).orElse("0"),
                            last.map(s -> s.summary().getOrDefault("total-data-files", "0"))
                                    .orElse("0"),
                            last.map(s -> s.summary().getOrDefault("total-delete-files", "0"))
                                    .orElse("0"),
                            writer));
                }
                out.print(spec.commandLine().getOut());
                for (WeirException e : unreadable) {
                    spec.commandLine().getErr().println("error: " + e.render());
                }
                spec.commandLine().getErr().flush();
                return unreadable.isEmpty()
                        ? 0
                        : ErrorCode.TABLE_UNREADABLE.category().exitCode();
            }
        }
    }

    @Command(
            name = "rollback",
            description = {
                "Make an earlier snapshot of a table current again (weir test offers one after a P0 failure).",
                "The later snapshots leave the table's history, so its pipeline's watermark goes back with it and the next"
                        + " run loads that data again. It changes nothing if the table's pipeline is running."
            })
    static final class Rollback implements Callable<Integer> {
        @Parameters(paramLabel = "TABLE", description = "namespace.table")
        String table;

        @picocli.CommandLine.Option(
                names = "--to",
                paramLabel = "SNAPSHOT_ID",
                required = true,
                description = "The snapshot to make current (see weir table history TABLE).")
        long snapshotId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
                TableId id = existing(workspace, table);
                new TableRollback(workspace.runServices())
                        .rollBack(
                                id, snapshotId, workspace.project().writerOf(id).map(p -> p.name()));
                spec.commandLine()
                        .getOut()
                        .printf(
                                "Rolled %s back to snapshot %d; the next run of its pipeline loads again what later"
                                        + " snapshots had loaded%n",
                                id, snapshotId);
                return 0;
            }
        }
    }

    /** Rows in data files minus positions deleted, from the snapshot summary's running totals. */
    private static String liveRecords(SnapshotInfo snapshot) {
        long records = Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
        long deleted = Long.parseLong(snapshot.summary().getOrDefault("total-position-deletes", "0"));
        return Long.toString(records - deleted);
    }

    /** The table named {@code text}, which must exist. */
    static TableId existing(WeirRuntime workspace, String text) {
        TableId id = parse(text);
        if (workspace.tables().load(id).isEmpty()) {
            throw unknown(id, workspace.tables().tables());
        }
        return id;
    }

    static TableId parse(String text) {
        if (!TableId.isValid(text)) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Invalid table name: '" + text + "'",
                    "name a table as namespace.table, e.g. silver.orders");
        }
        return TableId.parse(text);
    }

    private static WeirException unknown(TableId id, List<TableId> known) {
        return WeirException.withHint(
                ErrorCode.UNKNOWN_TABLE,
                "Unknown table: " + id,
                known.isEmpty() ? "no table exists yet: run `weir run` first" : "known tables: " + known);
    }
}
