package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warning a source gives for a run is on the run's line and in its stored record. */
class RunWarningsIT {
    private static final String WARNING = "No file matches 'data/orders/*.csv': nothing to load";

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void globThatMatchesNoFileWarnsOnTheRunLineAndInTheRunRecord() throws IOException {
        write("weir.yaml", "name: warnings\n");
        Files.createDirectories(root.resolve("data/orders"));
        write("pipelines/orders.yaml", """
                pipeline:
                  name: orders
                extract:
                  source_system: files
                  connection: data/orders/*.csv
                  format: csv
                  strategy: incremental
                  new_files: true
                load:
                  target: bronze.orders
                  strategy: append
                """);

        assertThat(execute("run")).as(err.toString()).isZero();

        assertThat(out.toString())
                .containsPattern("SUCCESS orders .*; warning: " + java.util.regex.Pattern.quote(WARNING));
        JsonNode record = new ObjectMapper()
                .readTree(Files.readAllLines(root.resolve(".weir/logs/runs.jsonl"))
                        .get(0));
        assertThat(record.path("warnings").toString()).contains(WARNING);

        out.getBuffer().setLength(0);
        assertThat(execute("runs")).isZero();
        assertThat(out.toString()).contains("warnings").contains(WARNING);
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private int execute(String... args) {
        picocli.CommandLine cli = Main.commandLine(new Main.Environment(Map.<String, String>of()::get));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        all[0] = "--project";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }
}
