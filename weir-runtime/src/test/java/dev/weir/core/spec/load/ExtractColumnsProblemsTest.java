package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with a file source's declared columns and the options that say what to do with the files' other columns. */
class ExtractColumnsProblemsTest {
    private static final String HINT = " — declare each column as 'name: TYPE [NOT NULL] [FORMAT 'pattern']', such as"
            + " 'order_date: DATE FORMAT 'dd/MM/yyyy''";
    private static final String LOAD = "load: {target: bronze.orders, strategy: append}\n";

    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    @Test
    void anEnumThatCannotBeReadIsReportedAtTheColumns() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                  columns:
                    status: "ENUM('placed','placed') NOT NULL"
                    size: ENUM(s, m)
                  strategy: full
                """ + LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:7:5: extract.columns: Invalid type 'ENUM('placed','placed')' of column"
                                + " 'status': 'placed' is listed twice (values are case-sensitive: 'a' and 'A' are two"
                                + " values)"
                                + HINT,
                        "pipelines/orders.yaml:7:5: extract.columns: Cannot read the type 'ENUM(s, m)' of column"
                                + " 'size': write ENUM('placed','shipped'): each value in single quotes, separated by"
                                + " commas, a quote inside a value doubled ('it''s')"
                                + HINT);
    }

    @Test
    void missingColumnsIsRejectOrFail() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                  missing_columns: error
                  strategy: full
                """ + LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:6:20: extract.missing_columns: Invalid value 'error' — use one of reject,"
                                + " fail");
    }

    @Test
    void missingColumnsOnlyAppliesToCsvWithAHeaderRow() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract:
                  source_system: files
                  connection: data/orders.jsonl
                  format: jsonl
                  columns: {id: BIGINT NOT NULL}
                  missing_columns: fail
                  strategy: full
                """ + LOAD).pipeline("raw", """
                        pipeline: {name: raw}
                        extract:
                          source_system: files
                          connection: data/raw.csv
                          format: csv
                          csv: {header: false}
                          columns: {id: BIGINT NOT NULL}
                          missing_columns: fail
                          strategy: full
                        load: {target: bronze.raw, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:7:20: extract.missing_columns: missing_columns only applies to CSV files"
                                + " with a header row — remove it: a JSON line without a NOT NULL key is a"
                                + " null_required reject",
                        "pipelines/raw.yaml:8:20: extract.missing_columns: missing_columns only applies to CSV files"
                                + " with a header row — remove it: without a header, values are matched to the columns"
                                + " by position");
    }

    @Test
    void extraColumnsAppliesToCsvAndToJsonLinesWithDeclaredColumns() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract:
                  source_system: files
                  connection: data/orders.jsonl
                  format: jsonl
                  columns: {id: BIGINT NOT NULL}
                  extra_columns: keep
                  strategy: full
                """ + LOAD).pipeline("inferred", """
                        pipeline: {name: inferred}
                        extract:
                          source_system: files
                          connection: data/inferred.jsonl
                          format: jsonl
                          extra_columns: keep
                          strategy: full
                        load: {target: bronze.inferred, strategy: append}
                        """).pipeline("typed", """
                        pipeline: {name: typed}
                        extract:
                          source_system: files
                          connection: data/typed.parquet
                          format: parquet
                          extra_columns: ignore
                          strategy: full
                        load: {target: bronze.typed, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/inferred.yaml:6:18: extract.extra_columns: extra_columns only applies to JSON lines"
                                + " with declared columns — declare extract.columns, or remove extra_columns: without"
                                + " declared columns every key is loaded, typed by the engine's inference",
                        "pipelines/typed.yaml:6:18: extract.extra_columns: extra_columns only applies to CSV and JSON"
                                + " lines — remove it: every column of a Parquet file is loaded, typed as the file types"
                                + " it");
    }
}
