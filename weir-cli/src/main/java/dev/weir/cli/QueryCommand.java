package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.ScratchFiles;
import dev.weir.core.run.TableAttacher;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.QueryResult;
import dev.weir.runtime.WeirRuntime;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "query",
        description = {
            "Run read-only SQL over Weir tables (named namespace.table, as of their current snapshot).",
            "Example: weir query \"SELECT category, sum(revenue) FROM gold.daily_revenue GROUP BY 1\""
        })
final class QueryCommand implements Callable<Integer> {
    private static final Set<String> READ_ONLY_STATEMENTS = Set.of(
            "select",
            "with",
            "from",
            "describe",
            "show",
            "summarize",
            "explain",
            "values",
            "table",
            "pivot",
            "unpivot");

    @Parameters(paramLabel = "SQL", description = "The query.")
    String sql;

    @Option(
            names = "--max-rows",
            defaultValue = "1000",
            description = "Print at most this many rows (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table (default), csv, json (one array) or jsonl (one object per line).")
    QueryOutput format;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the result to FILE instead of the standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkReadOnly(sql);
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            Path scratch = workspace.project().stateDir().resolve("tmp").resolve("query-" + UUID.randomUUID());
            try (EngineSession session = workspace.engine().openSession(scratch)) {
                new TableAttacher(workspace.tables()).attachFor(session, sql);
                QueryResult result = session.query(sql, maxRows);
                write(result, result.rows().size() == maxRows);
            } finally {
                ScratchFiles.delete(scratch);
            }
            return 0;
        }
    }

    private void write(QueryResult result, boolean limitReached) {
        try {
            if (output == null) {
                format.write(result, spec.commandLine().getOut(), limitReached);
                return;
            }
            try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                format.write(result, file, limitReached);
            }
            spec.commandLine()
                    .getOut()
                    .printf("%d rows written to %s%n", result.rows().size(), output);
            spec.commandLine().getOut().flush();
        } catch (IOException e) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot write " + output + ": " + e.getMessage(),
                    "check that its directory exists and is writable");
        }
    }

    static void checkReadOnly(String sql) {
        String trimmed = sql.strip().replaceFirst("^\\(+", "");
        String first = trimmed.split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
        if (!READ_ONLY_STATEMENTS.contains(first)
                || trimmed.replaceAll(";\\s*$", "").contains(";")) {
            throw WeirException.withHint(
                    ErrorCode.QUERY_INVALID,
                    "Cannot run '" + (first.isEmpty() ? sql : first) + "': weir query runs one read-only statement",
                    "use a single SELECT (or WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); tables change only through pipelines");
        }
    }
}
