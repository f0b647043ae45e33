package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.ErrorStrategy;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems found by checking files against the schema: keys, types, values. */
class SchemaProblemsTest {
    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    @Test
    void unknownKeyCloseToAKnownOneSuggestsIt() {
        project.pipeline("orders", """
                pipeline:
                  name: orders
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                  strategy: full
                load:
                  target: bronze.orders
                  stratgy: append
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:9:3: load.strategy: Missing required key 'strategy'"
                                + " — add a line like 'strategy: append'",
                        "pipelines/orders.yaml:10:3: load.stratgy: Unknown key 'stratgy' — did you mean 'strategy'?");
    }

    @Test
    void unknownKeyFarFromKnownOnesListsAllowedKeys() {
        project.pipeline("orders", """
                pipeline:
                  name: orders
                  colour: blue
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:3:3: pipeline.colour: Unknown key 'colour'"
                        + " — allowed keys: name, owner, description, schedule, catch_up, on_busy, max_concurrent,"
                        + " follow_interval_seconds,"
                        + " sla_minutes, tier, max_lag, depends_on");
    }

    @Test
    void unknownTopLevelSectionByPrefixSuggestsTheSection() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                quality: {pre_load: []}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:4:1: quality: Unknown key 'quality' — did you mean 'quality_gates'?");
    }

    @Test
    void misspelledValueListsAllowedValuesAndTheClosest() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load:
                  target: bronze.orders
                  strategy: upsrt
                  merge_keys: [order_id]
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:5:13: load.strategy: Invalid value 'upsrt'"
                                + " — use one of append, upsert, merge, truncate-reload, partition-swap, scd2; did you mean 'upsert'?");
    }

    @Test
    void valueFarFromAllowedOnesListsThem() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.xml, format: xml, strategy: full}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:2:70: extract.format: Invalid value 'xml' — use one of csv, jsonl, parquet");
    }

    @Test
    void plannedButUnimplementedValuesAreRejectedWithAHint() {
        project.weirYaml("name: shop\nengine: spark\n").pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: cdc}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:2:85: extract.strategy: source_system files cannot extract with strategy"
                                + " 'cdc' — write 'strategy: full' or 'strategy: incremental'",
                        "weir.yaml:2:9: engine: Value 'spark' is not implemented yet"
                                + " — the spark engine is planned but not available yet; use duckdb");
    }

    @Test
    void missingRequiredKeyPointsAtItsParentMapping() {
        project.pipeline("orders", """
                pipeline:
                  name: orders
                extract:
                  source_system: files
                  format: csv
                  strategy: full
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:4:3: extract.connection: Missing required key 'connection'"
                        + " — add a line like 'connection: data/orders/*.csv'");
    }

    @Test
    void missingSectionPointsAtTheTopOfTheFile() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                """);

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:1:1: load: Missing required key 'load'"
                        + " — add a line like 'load: {target: silver.orders, strategy: append}'");
    }

    @Test
    void requiredKeyWithEmptyValuePointsAtTheKey() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load:
                  target:
                  strategy: append
                """);

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:4:3: load.target: Missing value for 'target'"
                        + " — add a line like 'target: silver.orders'");
    }

    @Test
    void wrongTypesNameWhatWasExpectedAndFound() {
        project.pipeline("orders", """
                pipeline:
                  name: orders
                  tier: high
                  depends_on: raw_orders
                extract: files
                transform:
                  stages:
                    - select * from source
                load: {target: bronze.orders, strategy: append, merge_keys: {id: 1}}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:9: pipeline.tier: Expected an integer, found a string"
                                + " — write it like 'tier: 1'",
                        "pipelines/orders.yaml:4:15: pipeline.depends_on: Expected a list, found a string"
                                + " — write it like 'depends_on: [bronze_orders]'",
                        "pipelines/orders.yaml:5:10: extract: Expected a mapping, found a string"
                                + " — write it like 'extract: {source_system: files, connection: data/orders.csv,"
                                + " format: csv, strategy: full}'",
                        "pipelines/orders.yaml:8:7: transform.stages[0]: Expected a mapping, found a string"
                                + " — write it like 'stages: [{name: clean, sql: select * from source}]'",
                        "pipelines/orders.yaml:9:61: load.merge_keys: Expected a list, found a mapping"
                                + " — write it like 'merge_keys: [order_id]'");
    }

    @Test
    void numbersOutOfRangeNameTheBounds() {
        project.pipeline("orders", """
                pipeline: {name: orders, tier: 5, sla_minutes: -1}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                error_handling: {max_retries: 99999999999}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:32: pipeline.tier: Invalid value 5: must be between 1 and 3"
                                + " — write it like 'tier: 1'",
                        "pipelines/orders.yaml:1:48: pipeline.sla_minutes: Invalid value -1: must be 0 or more"
                                + " — write it like 'sla_minutes: 30'",
                        "pipelines/orders.yaml:4:31: error_handling.max_retries: Invalid value 99999999999: too large"
                                + " — write it like 'max_retries: 3'");
    }

    @Test
    void malformedNamesAndCharactersNameTheExpectedForm() {
        project.weirYaml("name: My Shop\n").pipeline("orders", """
                pipeline: {name: orders, depends_on: [Raw-Orders]}
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                  csv: {delimiter: ";;"}
                  strategy: full
                load: {target: orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:39: pipeline.depends_on[0]: Invalid value 'Raw-Orders'"
                                + " — use a lower-case identifier such as silver_orders (a-z, 0-9, _)",
                        "pipelines/orders.yaml:6:20: extract.csv.delimiter: Invalid value ';;' — use a single character",
                        "pipelines/orders.yaml:8:16: load.target: Invalid value 'orders'"
                                + " — use namespace.table in lower case, such as silver.orders",
                        "weir.yaml:1:7: name: Invalid value 'My Shop' — use a lower-case name such as shop (a-z, 0-9, _ and -)");
    }

    @Test
    void duplicateKeyIsReportedAtItsSecondOccurrence() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load:
                  target: bronze.orders
                  strategy: append
                  target: bronze.orders_v2
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:6:3: load.target: Duplicate key 'target' — each key may appear once in a mapping;"
                                + " remove one");
    }

    @Test
    void defaultsInProjectFileAreCheckedLikePipelineSections() {
        project.weirYaml("""
                name: shop
                defaults:
                  error_handling: {strategy: dead-leter, retries: 2}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "weir.yaml:3:30: defaults.error_handling.strategy: Invalid value 'dead-leter'"
                                + " — use one of fail-fast, dead-letter, retry, skip-and-alert; did you mean 'dead-letter'?",
                        "weir.yaml:3:42: defaults.error_handling.retries: Unknown key 'retries'"
                                + " — allowed keys: strategy, max_retries, retry_delay_seconds, alert_channels");
    }

    @Test
    void deadLetterIsAnAllowedErrorStrategy() {
        project.weirYaml("""
                name: shop
                defaults:
                  error_handling: {strategy: dead-letter}
                """).pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.load().pipelines().get(0).errorHandling().strategy()).isEqualTo(ErrorStrategy.DEAD_LETTER);
    }
}
