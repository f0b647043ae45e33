package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage whose SQL fails names the file, line and column the user wrote it at, as a spec error does. */
class StageErrorLocationIT {
    private static final String HEAD = """
            pipeline:
              name: orders
            extract:
              source_system: files
              connection: data/orders.csv
              format: csv
              strategy: full
            load:
              target: bronze.orders
              strategy: append
            transform:
              stages:
            """;

    @TempDir
    Path root;

    private CliProject project;

    @Test
    void bindErrorInAnSqlFileNamesTheFileLineAndColumn() throws IOException {
        project(HEAD + """
                    - name: clean
                      sql_file: sql/clean.sql
                """);
        write("sql/clean.sql", """
                -- orders with an amount
                SELECT order_id,
                       amout
                FROM source
                """);

        assertThat(run()).as(project.err()).isEqualTo(1);

        assertThat(project.err())
                .contains("error in orders (stage transform): sql/clean.sql:3:8: Cannot run stage 'clean': "
                        + "Binder Error: Referenced column \"amout\" not found in FROM clause!")
                .contains("hint: fix the stage's SQL")
                .doesNotContain("LINE ", "\tat ");
        assertThat(recordedError()).startsWith("sql/clean.sql:3:8: Cannot run stage 'clean': Binder Error: ");
    }

    @Test
    void bindErrorInInlineSqlNamesThePipelineFileLineAndColumn() throws IOException {
        project(HEAD + """
                    - name: clean
                      sql: |
                        SELECT order_id,
                               amout
                        FROM source
                """);

        assertThat(run()).as(project.err()).isEqualTo(1);

        assertThat(project.err())
                .contains("pipelines/orders.yaml:16:16: Cannot run stage 'clean': Binder Error: Referenced column"
                        + " \"amout\" not found in FROM clause!");
    }

    @Test
    void valueThatDoesNotConvertNamesTheStagesFileAndTheCast() throws IOException {
        project(HEAD + """
                    - name: typed
                      sql: SELECT order_id, CAST(amount AS INTEGER) AS amount FROM source
                """);

        assertThat(run()).as(project.err()).isEqualTo(1);

        assertThat(project.err())
                .contains("pipelines/orders.yaml:14:29: Cannot run stage 'typed': Conversion Error: Could not convert"
                        + " string 'x' to INT32");
    }

    @Test
    void syntaxErrorInAFoldedScalarNamesTheLineItIsOn() throws IOException {
        project(HEAD + """
                    - name: clean
                      sql: >
                        SELECT *
                        FORM source
                """);

        assertThat(run()).as(project.err()).isEqualTo(1);

        assertThat(project.err())
                .contains("pipelines/orders.yaml:16:14: Cannot run stage 'clean': Parser Error: syntax error at or"
                        + " near \"source\"");
    }

    private void project(String pipeline) {
        project = new CliProject(root)
                .write("weir.yaml", "name: errors\n")
                .write("data/orders.csv", "order_id,amount\n1,9\n2,x\n")
                .write("pipelines/orders.yaml", pipeline);
    }

    private void write(String relative, String content) {
        project.write(relative, content);
    }

    private int run() {
        return project.execute("run");
    }

    private String recordedError() throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(project.runLog().get(0))
                .path("error_message")
                .asText();
    }
}
