package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.Quarantine;
import dev.weir.core.run.ScratchFiles;
import dev.weir.core.run.TableAttacher;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.QueryResult;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "rejects",
        description = {
            "Show the rows a table's pipeline quarantined (error_handling.strategy: dead-letter), newest first.",
            "They live in the Iceberg table <namespace>.<table>__rejected: run_id, pipeline, rejected_at, check_name,"
                    + " reason, raw_record (the row as JSON) and origin. Fix the source and rerun to load them."
        })
final class RejectsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TABLE", description = "The table whose rejects to show (namespace.table).")
    String table;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only the rejects of this run.")
    Optional<String> run = Optional.empty();

    @Option(
            names = {"-n", "--limit"},
            defaultValue = "50",
            description = "Show at most this many rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!TableId.isValid(table)) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Invalid table name: '" + table + "'",
                    "name a table as namespace.table, e.g. silver.orders");
        }
        TableId target = TableId.parse(table);
        TableId quarantine = Quarantine.of(target);
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            PrintWriter out = spec.commandLine().getOut();
            if (workspace.tables().load(quarantine).isEmpty()) {
                if (workspace.tables().load(target).isEmpty()) {
                    throw WeirException.withHint(
                            ErrorCode.UNKNOWN_TABLE,
                            "Unknown table: " + target,
                            "known tables: " + workspace.tables().tables());
                }
                out.println("No rejects for " + target + ": nothing was ever quarantined");
                out.flush();
                return 0;
            }
            Path scratch = workspace.project().stateDir().resolve("tmp").resolve("rejects-" + UUID.randomUUID());
            try (EngineSession session = workspace.engine().openSession(scratch)) {
                String where = run.map(r -> " WHERE run_id = '" + r.replace("'", "''") + "'")
                        .orElse("");
                new TableAttacher(workspace.tables()).attachFor(session, "SELECT * FROM " + quarantine);
                QueryResult result = session.query(
                        "SELECT run_id, rejected_at, check_name, reason, origin, raw_record FROM " + quarantine + where
                                + " ORDER BY rejected_at DESC, origin LIMIT " + limit,
                        limit);
                TextTable rows = new TextTable(result.columns());
                result.rows().forEach(rows::add);
                rows.print(out);
                QueryResult total = session.query("SELECT count(*) FROM " + quarantine + where, 1);
                out.printf(
                        "(%d of %s rejected rows)%n",
                        result.rows().size(), total.rows().get(0).get(0));
                out.flush();
            } finally {
                ScratchFiles.delete(scratch);
            }
            return 0;
        }
    }
}
