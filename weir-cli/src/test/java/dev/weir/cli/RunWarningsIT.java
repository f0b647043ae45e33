package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warning a source gives for a run is on the run's line and in its stored record. */
class RunWarningsIT {
    private static final String WARNING = "No file matches 'data/orders/*.csv': nothing to load";

    @TempDir
    Path root;

    @Test
    void globThatMatchesNoFileWarnsOnTheRunLineAndInTheRunRecord() throws IOException {
        Files.createDirectories(root.resolve("data/orders"));
        CliProject project =
                new CliProject(root).write("weir.yaml", "name: warnings\n").write("pipelines/orders.yaml", """
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

        assertThat(project.execute("run")).as(project.err()).isZero();

        assertThat(project.out())
                .containsPattern("SUCCESS orders .*; warning: " + java.util.regex.Pattern.quote(WARNING));
        JsonNode record = new ObjectMapper().readTree(project.runLog().get(0));
        assertThat(record.path("warnings").toString()).contains(WARNING);

        assertThat(project.execute("runs")).isZero();
        assertThat(project.out()).contains("warnings").contains(WARNING);
    }
}
