package dev.weir.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weir command line, with this module's jar on its class path, runs a pipeline of this
 * module's source and alerts through this module's channel: found through ServiceLoader, with no
 * edit to weir-core or weir-cli.
 */
class PluginDiscoveryIT {
    @TempDir
    Path project;

    @Test
    void aSourceAndAnAlertChannelFromAnotherModuleRunWithTheirOwnPosition() throws Exception {
        Path alerts = project.resolve("alerts.jsonl");
        write("weir.yaml", "name: plugins\n");
        write("pipelines/numbers.yaml", """
                pipeline: {name: numbers}
                extract: {source_system: sequence, connection: numbers, strategy: incremental, rows_per_run: 5}
                load: {target: bronze.numbers, strategy: append}
                quality_gates:
                  pre_load:
                    - {type: range, column: n, severity: P1, block: false, params: {max: 7}}
                error_handling: {alert_channels: [log, "file:%s"]}
                """.formatted(alerts));

        Result first = weir("run");
        Result second = weir("run");
        Result query = weir("query", "SELECT count(*) AS n_rows, max(n) AS last FROM bronze.numbers");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output())
                .contains("SUCCESS numbers")
                .contains("extracted 5, loaded 5")
                .contains("watermark none -> n:5");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("extracted 5, loaded 5").contains("watermark n:5 -> n:10");
        assertThat(query.output()).contains("10").containsPattern("\\b10\\b");
        List<String> alertLines = Files.readAllLines(alerts);
        assertThat(alertLines).hasSize(1);
        assertThat(alertLines.get(0)).contains("\"kind\":\"check_failed\"").contains("\"pipeline\":\"numbers\"");
    }

    @Test
    void thePluginsKeysAreValidatedWithTheRestOfTheSpec() throws Exception {
        write("weir.yaml", "name: plugins\n");
        write("pipelines/numbers.yaml", """
                pipeline: {name: numbers}
                extract: {source_system: sequence, connection: numbers, strategy: full, rows_per_rum: 5}
                load: {target: bronze.numbers, strategy: append}
                error_handling: {alert_channels: ["fil:/tmp/x"]}
                """);

        Result validate = weir("validate");
        Result schema = weir("schema", "pipeline");

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.output())
                .contains(
                        "pipelines/numbers.yaml:2:73: extract.rows_per_rum: Unknown key 'rows_per_rum' — did you mean 'rows_per_run'?")
                .contains(
                        "error_handling.alert_channels[0]: Invalid value 'fil:/tmp/x' — use a Slack webhook URL behind slack+,"
                                + " such as slack+https://hooks.slack.com/services/..., file:PATH to append each alert to a"
                                + " file, log, mailto: and the addresses to e-mail, such as mailto:oncall@example.com, or the"
                                + " http(s) URL of a webhook such as https://hooks.example.com/weir")
                .doesNotContain("Exception");
        assertThat(schema.exitCode()).isZero();
        assertThat(schema.output())
                .contains("\"sequence\"")
                .contains("\"rows_per_run\"")
                .contains("file:");
    }

    private record Result(int exitCode, String output) {}

    /** Runs {@code weir} in its own JVM with this test's class path: weir-cli, its plugins, and this module. */
    private Result weir(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.weir.cli.Main",
                "--project",
                project.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
