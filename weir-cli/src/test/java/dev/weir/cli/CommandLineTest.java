package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's shape: help, version and usage errors, without touching a project. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = Main.commandLine(new Main.Environment(Map.<String, String>of()::get));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString())
                .contains("run", "validate", "runs", "query", "table", "doctor")
                .contains("Exit codes: 0 success, 1 run failed, 2 usage or spec error, 3 internal error.");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "run",
                "validate",
                "runs",
                "query",
                "table",
                "table list",
                "table history",
                "table compact",
                "table repair",
                "doctor",
                "schema"
            })
    void everyCommandPrintsItsHelpWithoutNeedingItsArguments(String command) {
        String[] args = (command + " --help").split(" ");

        assertThat(execute(args)).isZero();
        assertThat(out.toString()).startsWith("Usage: weir " + command + " ").contains("-p, --project=DIR");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void schemaPrintsThePipelineSchemaWithTheSourcesShipped() throws Exception {
        assertThat(execute("schema")).isZero();

        com.fasterxml.jackson.databind.JsonNode extract = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString())
                .path("properties")
                .path("extract")
                .path("properties");
        assertThat(extract.path("source_system").path("enum").toString())
                .isEqualTo("[\"files\",\"http\",\"jdbc\",\"kafka\",\"postgres\",\"weir\"]");
        assertThat(extract.has("format")).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void schemaRefusesAnUnknownKind() {
        assertThat(execute("schema", "pipelines")).isEqualTo(2);
        assertThat(err.toString()).contains("pipelines").contains("project, pipeline, contract");
    }

    @Test
    void helpOfAnUnknownCommandIsAnUnknownCommandError() {
        assertThat(execute("nosuchcommand", "--help")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unmatched argument at index 0: 'nosuchcommand'")
                .contains("hint: run `weir --help`");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownCommandExitsTwoWithASuggestion() {
        assertThat(execute("rnu")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unmatched argument at index 0: 'rnu'")
                .contains("run")
                .contains("hint: run `weir --help`");
    }

    @Test
    void anIntervalWithoutFollowOrOfNothingIsAUsageError() {
        assertThat(execute("run", "--interval", "5s")).isEqualTo(2);
        assertThat(err.toString()).contains("--interval only applies with --follow");
        assertThat(execute("run", "--follow", "--interval", "0s")).isEqualTo(2);
        assertThat(err.toString()).contains("--interval must be more than 0s");
    }

    @Test
    void compactAfterWithoutFollowOrBelowZeroAndTooFewMinInputFilesAreUsageErrors() {
        assertThat(execute("run", "--compact-after", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--compact-after only applies with --follow");
        assertThat(execute("run", "--follow", "--compact-after", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--compact-after must be 0 (never) or more");
        assertThat(execute("table", "compact", "silver.orders", "--min-input-files", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--min-input-files must be at least 2");
        assertThat(execute("table", "compact", "silver.orders", "--target-file-size", "big"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'big' is not a size: write it as 512MB, 64KB, 1GB or bytes");
    }

    @Test
    void projectOptionIsAcceptedBeforeOrAfterTheCommand() {
        assertThat(execute("--project", "/nonexistent", "validate")).isEqualTo(2);
        String before = err.toString();
        assertThat(execute("validate", "--project", "/nonexistent")).isEqualTo(2);
        assertThat(before).contains("weir.yaml");
        assertThat(err.toString()).contains("weir.yaml");
    }
}
