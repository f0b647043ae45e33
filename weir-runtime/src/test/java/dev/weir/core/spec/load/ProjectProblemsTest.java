package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems that span pipelines: names, targets, upstream pipelines and tables, cycles. */
class ProjectProblemsTest {
    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    /** A valid pipeline reading files into {@code target}. */
    private static String filesPipeline(String name, String target) {
        return """
                pipeline: {name: %s}
                extract: {source_system: files, connection: data/%s.csv, format: csv, strategy: full}
                load: {target: %s, strategy: append}
                """.formatted(name, name, target);
    }

    @Test
    void unknownUpstreamPipelineSuggestsTheClosestName() {
        project.pipeline("bronze_orders", filesPipeline("bronze_orders", "bronze.orders"))
                .pipeline("silver_orders", """
                        pipeline:
                          name: silver_orders
                          depends_on: [bronze_order, customers]
                        extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                        load: {target: silver.orders, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/silver_orders.yaml:3:16: pipeline.depends_on[0]: Unknown pipeline 'bronze_order'"
                                + " — did you mean 'bronze_orders'?",
                        "pipelines/silver_orders.yaml:3:30: pipeline.depends_on[1]: Unknown pipeline 'customers'"
                                + " — other pipelines in this project: bronze_orders");
    }

    @Test
    void pipelineDependingOnItselfIsRefused() {
        project.pipeline("orders", """
                pipeline: {name: orders, depends_on: [orders]}
                extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:39: pipeline.depends_on[0]: Pipeline 'orders' depends on itself"
                                + " — remove 'orders' from depends_on");
    }

    @Test
    void dependencyCycleIsReportedForEachPipelineOnIt() {
        project.pipeline("a", """
                pipeline: {name: a, depends_on: [c]}
                extract: {source_system: files, connection: data/a.csv, format: csv, strategy: full}
                load: {target: raw.a, strategy: append}
                """).pipeline("b", """
                pipeline: {name: b}
                extract: {source_system: weir, connection: raw.a, strategy: full}
                load: {target: raw.b, strategy: append}
                """).pipeline("c", """
                pipeline: {name: c}
                extract: {source_system: files, connection: data/c.csv, format: csv, strategy: full}
                transform:
                  stages:
                    - {name: joined, sql: "select * from source join raw.b using (id)"}
                load: {target: raw.c, strategy: append}
                """).pipeline("d", filesPipeline("d", "raw.d"));
        String hint = " — -> means depends on (through depends_on or a table read); remove one of these dependencies";

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/a.yaml:1:34: pipeline.depends_on[0]: Dependency cycle: a -> c -> b -> a" + hint,
                        "pipelines/b.yaml:2:44: extract.connection: Dependency cycle: b -> a -> c -> b" + hint,
                        "pipelines/c.yaml:5:27: transform.stages[0].sql: Dependency cycle: c -> b -> a -> c" + hint);
    }

    @Test
    void duplicatePipelineNamesAreReportedInEachFile() {
        project.pipeline("orders", filesPipeline("orders", "bronze.orders"))
                .file("pipelines/orders.yml", filesPipeline("orders", "bronze.orders_v2"));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:18: pipeline.name: Duplicate pipeline name 'orders'"
                                + " — also defined in pipelines/orders.yml; pipeline names must be unique",
                        "pipelines/orders.yml:1:18: pipeline.name: Duplicate pipeline name 'orders'"
                                + " — also defined in pipelines/orders.yaml; pipeline names must be unique");
    }

    @Test
    void twoPipelinesLoadingOneTableAreRefused() {
        project.pipeline("orders", filesPipeline("orders", "bronze.orders"))
                .pipeline("orders_backfill", filesPipeline("orders_backfill", "bronze.orders"));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:16: load.target: Table 'bronze.orders' is also loaded in"
                                + " pipelines/orders_backfill.yaml"
                                + " — each table has one writer pipeline; load another table, or merge the pipelines",
                        "pipelines/orders_backfill.yaml:3:16: load.target: Table 'bronze.orders' is also loaded in"
                                + " pipelines/orders.yaml"
                                + " — each table has one writer pipeline; load another table, or merge the pipelines");
    }

    @Test
    void fileNameMustMatchPipelineName() {
        project.pipeline("orders", filesPipeline("bronze_orders", "bronze.orders"));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:18: pipeline.name: Pipeline name 'bronze_orders' does not match the file"
                                + " name 'orders.yaml' — rename the file to bronze_orders.yaml, or set 'name: orders'");
    }

    @Test
    void unknownSourceTableSuggestsTheClosestTable() {
        project.pipeline("bronze_orders", filesPipeline("bronze_orders", "bronze.orders"))
                .pipeline("silver_orders", """
                        pipeline: {name: silver_orders}
                        extract: {source_system: weir, connection: bronze.order, strategy: full}
                        load: {target: silver.orders, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly("pipelines/silver_orders.yaml:2:44: extract.connection: Unknown table 'bronze.order'"
                        + " — did you mean 'bronze.orders'?");
    }

    @Test
    void unknownTableInStageSqlIsReportedButColumnReferencesAreNot() {
        project.pipeline("bronze_orders", filesPipeline("bronze_orders", "bronze.orders"))
                .pipeline("bronze_customers", filesPipeline("bronze_customers", "bronze.customers"))
                .pipeline("silver_orders", """
                        pipeline: {name: silver_orders}
                        extract: {source_system: weir, connection: bronze.orders, strategy: full}
                        transform:
                          stages:
                            - name: enrich
                              sql: |
                                select o.order_id, c.name
                                from source o join bronze.customer c on o.customer_id = c.id
                                where o.note <> 'see bronze.archive' -- not bronze.history
                        load: {target: silver.orders, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/silver_orders.yaml:6:12: transform.stages[0].sql: Unknown table 'bronze.customer'"
                                + " — did you mean 'bronze.customers'?");
    }

    @Test
    void unknownTableWithoutCloseMatchListsTheProjectsTables() {
        project.pipeline("bronze_orders", filesPipeline("bronze_orders", "bronze.orders"))
                .pipeline("gold_sales", """
                        pipeline: {name: gold_sales}
                        extract: {source_system: weir, connection: silver.sales, strategy: full}
                        load: {target: gold.sales, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly("pipelines/gold_sales.yaml:2:44: extract.connection: Unknown table 'silver.sales'"
                        + " — no pipeline in this project loads it; tables: bronze.orders, gold.sales");
    }

    @Test
    void problemsInSeveralFilesAreAllReportedAtOnceSortedByFileAndLine() {
        project.weirYaml("name: shop\nengin: duckdb\n")
                .pipeline("a_orders", """
                        pipeline: {name: a_orders, tier: 0}
                        extract: {source_system: files, connection: data/a.csv, format: csv, strategy: full}
                        load: {target: raw.orders, strategy: upsert}
                        """)
                .pipeline("b_orders", """
                        pipeline: {name: b_orders, depends_on: [a_order]}
                        extract: {source_system: ftp, connection: data/b.csv, format: csv, strategy: full}
                        load: {target: raw.orders, strategy: append}
                        """)
                .pipeline("c_orders", "pipeline: [c_orders\n");

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/a_orders.yaml:1:34: pipeline.tier: Invalid value 0: must be between 1 and 3"
                                + " — write it like 'tier: 1'",
                        "pipelines/a_orders.yaml:3:7: load.merge_keys: Missing merge_keys: upsert matches rows on key columns"
                                + " — add a line like 'merge_keys: [order_id]'",
                        "pipelines/a_orders.yaml:3:16: load.target: Table 'raw.orders' is also loaded in pipelines/b_orders.yaml"
                                + " — each table has one writer pipeline; load another table, or merge the pipelines",
                        "pipelines/b_orders.yaml:1:41: pipeline.depends_on[0]: Unknown pipeline 'a_order'"
                                + " — did you mean 'a_orders'?",
                        "pipelines/b_orders.yaml:2:26: extract.source_system: Invalid value 'ftp' — use one of files, http, jdbc, kafka, postgres, weir; did you mean 'http'?",
                        "pipelines/b_orders.yaml:3:16: load.target: Table 'raw.orders' is also loaded in pipelines/a_orders.yaml"
                                + " — each table has one writer pipeline; load another table, or merge the pipelines",
                        "pipelines/c_orders.yaml:2:1: Invalid YAML: while parsing a flow sequence: expected ',' or ']',"
                                + " but got <stream end> — indent with spaces (not tabs), and quote values that contain ': ',"
                                + " ' #' or start with a special character",
                        "weir.yaml:2:1: engin: Unknown key 'engin' — did you mean 'engine'?");
    }

    @Test
    void missingProjectFileTellsWhereToRunFrom() {
        assertThat(new TestProject(dir.resolve("elsewhere")).problems())
                .containsExactly(
                        "weir.yaml: No weir.yaml in " + dir.resolve("elsewhere").toAbsolutePath()
                                + " — run weir from the project directory, or pass --project <directory>");
    }
}
