package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of bad input around quality: each case is one user mistake and the exact message
 * the CLI gives for it, one line naming file, line, column and field with a hint, the exit code
 * and no stack trace. Data cases (malformed records, rows breaking a contract) are in
 * {@link QualityGatesIT}, where their reasons are read back from the quarantine.
 */
class BadInputCorpusIT {
    private record SpecCase(String file, String content, String message) {}

    private record UsageCase(List<String> args, String message, String hint) {}

    private static final List<SpecCase> SPEC_CASES = List.of(
            new SpecCase(
                    "pipelines/broken_regex.yaml",
                    """
                    pipeline: {name: broken_regex}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.broken_regex, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: regex, column: code, params: {pattern: "[a-"}}
                    """,
                    "pipelines/broken_regex.yaml:6:53: quality_gates.pre_load[0].params.pattern: Invalid regular expression: Illegal character range near index 3 — write a Java regular expression such as '^[A-Z]{2}-[0-9]+$', quoted in YAML"),
            new SpecCase(
                    "pipelines/chat_alert_channel.yaml",
                    """
                    pipeline: {name: chat_alert_channel}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.chat_alert_channel, strategy: append}
                    error_handling:
                      alert_channels: [slack]
                    """,
                    "pipelines/chat_alert_channel.yaml:5:20: error_handling.alert_channels[0]: Invalid value 'slack' — use a Slack"
                            + " webhook URL behind slack+, such as slack+https://hooks.slack.com/services/..., log, mailto:"
                            + " and the addresses to e-mail, such as mailto:oncall@example.com, or the http(s) URL of a"
                            + " webhook such as https://hooks.example.com/weir"),
            new SpecCase(
                    "pipelines/column_on_volume.yaml",
                    """
                    pipeline: {name: column_on_volume}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.column_on_volume, strategy: append}
                    quality_gates:
                      post_load:
                        - {type: volume, column: id, params: {min_rows: 1}}
                    """,
                    "pipelines/column_on_volume.yaml:6:30: quality_gates.post_load[0].column: 'column' does not apply to volume checks — remove it: volume checks judge the relation as a whole"),
            new SpecCase(
                    "pipelines/custom_sql_without_this.yaml",
                    """
                    pipeline: {name: custom_sql_without_this}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.custom_sql_without_this, strategy: append}
                    quality_gates:
                      post_load:
                        - {type: custom_sql, params: {sql: "select 1"}}
                    """,
                    "pipelines/custom_sql_without_this.yaml:6:40: quality_gates.post_load[0].params.sql: The query does not read {{ this }} — write the checked relation as {{ this }}, such as 'select * from {{ this }} where quantity < 0'"),
            new SpecCase(
                    "pipelines/misspelled_param.yaml",
                    """
                    pipeline: {name: misspelled_param}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.misspelled_param, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: range, column: amount, params: {min: 0, maxx: 3}}
                    """,
                    "pipelines/misspelled_param.yaml:6:54: quality_gates.pre_load[0].params.maxx: Unknown key 'maxx' — did you mean 'max'?"),
            new SpecCase(
                    "pipelines/misspelled_strategy.yaml",
                    """
                    pipeline: {name: misspelled_strategy}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.misspelled_strategy, strategy: append}
                    error_handling:
                      strategy: dead-leter
                    """,
                    "pipelines/misspelled_strategy.yaml:5:13: error_handling.strategy: Invalid value 'dead-leter' — use one of fail-fast, dead-letter, retry, skip-and-alert; did you mean 'dead-letter'?"),
            new SpecCase(
                    "pipelines/negative_retries.yaml",
                    """
                    pipeline: {name: negative_retries}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.negative_retries, strategy: append}
                    error_handling:
                      strategy: retry
                      max_retries: -1
                    """,
                    "pipelines/negative_retries.yaml:6:16: error_handling.max_retries: Invalid value -1: must be 0 or more — write it like 'max_retries: 3'"),
            new SpecCase(
                    "pipelines/p0_not_blocking.yaml",
                    """
                    pipeline: {name: p0_not_blocking}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.p0_not_blocking, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: not_null, column: id, severity: P0, block: false}
                    """,
                    "pipelines/p0_not_blocking.yaml:6:57: quality_gates.pre_load[0].block: A P0 check always blocks — remove 'block: false', or use a lower severity such as P1"),
            new SpecCase(
                    "pipelines/range_without_bounds.yaml",
                    """
                    pipeline: {name: range_without_bounds}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.range_without_bounds, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: range, column: amount}
                    """,
                    "pipelines/range_without_bounds.yaml:6:7: quality_gates.pre_load[0].params: A range check needs min or max — add a line like 'params: {min: 0, max: 1000}'"),
            new SpecCase(
                    "pipelines/reference_without_namespace.yaml",
                    """
                    pipeline: {name: reference_without_namespace}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.reference_without_namespace, strategy: append}
                    quality_gates:
                      post_load:
                        - {type: referential, column: customer_id, params: {table: customers}}
                    """,
                    "pipelines/reference_without_namespace.yaml:6:64: quality_gates.post_load[0].params.table: Invalid value 'customers' — use namespace.table in lower case, such as silver.orders"),
            new SpecCase(
                    "pipelines/same_check_twice.yaml",
                    """
                    pipeline: {name: same_check_twice}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.same_check_twice, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: not_null, column: id}
                        - {type: not_null, column: id}
                    """,
                    "pipelines/same_check_twice.yaml:7:7: quality_gates.pre_load[1]: Duplicate check name 'not_null(id)' — also used at line 6; give one of them its own 'name:'"),
            new SpecCase(
                    "pipelines/swapped_bounds.yaml",
                    """
                    pipeline: {name: swapped_bounds}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.swapped_bounds, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: range, column: amount, params: {min: 10, max: 5}}
                    """,
                    "pipelines/swapped_bounds.yaml:6:60: quality_gates.pre_load[0].params.max: max 5 is less than min 10 — swap the bounds, or correct one of them"),
            new SpecCase(
                    "pipelines/unknown_check_type.yaml",
                    """
                    pipeline: {name: unknown_check_type}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.unknown_check_type, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: not_nul, column: id}
                    """,
                    "pipelines/unknown_check_type.yaml:6:14: quality_gates.pre_load[0].type: Invalid value 'not_nul' — use one of not_null, unique, range, enum, regex, custom, freshness, volume, referential, distribution, reconciliation, custom_sql; did you mean 'not_null'?"),
            new SpecCase(
                    "pipelines/unknown_severity.yaml",
                    """
                    pipeline: {name: unknown_severity}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.unknown_severity, strategy: append}
                    quality_gates:
                      pre_load:
                        - {type: not_null, column: id, severity: critical}
                    """,
                    "pipelines/unknown_severity.yaml:6:46: quality_gates.pre_load[0].severity: Invalid value 'critical' — use one of P0, P1, P2, P3"),
            new SpecCase(
                    "pipelines/volume_in_words.yaml",
                    """
                    pipeline: {name: volume_in_words}
                    extract: {source_system: files, connection: data/x.csv, format: csv, strategy: full}
                    load: {target: bronze.volume_in_words, strategy: append}
                    quality_gates:
                      post_load:
                        - {type: volume, params: {max_rows: many}}
                    """,
                    "pipelines/volume_in_words.yaml:6:41: quality_gates.post_load[0].params.max_rows: Expected an integer, found a string — write it like 'max_rows: 1000000'"),
            new SpecCase(
                    "contracts/missing_version.yaml",
                    """
                    contract:
                      name: missing_version
                      owner: a
                      table: silver.missing_version
                    """,
                    "contracts/missing_version.yaml:2:3: contract.version: Missing required key 'version' — add a line like 'version: \"1.0.0\"'"),
            new SpecCase(
                    "contracts/name_mismatch.yaml",
                    """
                    contract:
                      name: orders
                      version: "1"
                      owner: a
                      table: silver.name_mismatch
                    """,
                    "contracts/name_mismatch.yaml:2:9: contract.name: Contract name 'orders' does not match the file name 'name_mismatch.yaml' — rename the file to orders.yaml, or set 'name: name_mismatch'"),
            new SpecCase(
                    "contracts/no_type.yaml",
                    """
                    contract:
                      name: no_type
                      version: "1"
                      owner: a
                      table: silver.no_type
                      schema:
                        - {column: id}
                    """,
                    "contracts/no_type.yaml:7:7: contract.schema[0].type: Missing required key 'type' — add a line like 'type: BIGINT'"),
            new SpecCase(
                    "contracts/nullable_with_not_null.yaml",
                    """
                    contract:
                      name: nullable_with_not_null
                      version: "1"
                      owner: a
                      table: silver.nullable_with_not_null
                      schema:
                        - {column: id, type: BIGINT, nullable: true, checks: [{type: not_null}]}
                    """,
                    "contracts/nullable_with_not_null.yaml:7:44: contract.schema[0].nullable: Column 'id' is declared nullable but has a not_null check — set 'nullable: false', or remove the check"),
            new SpecCase(
                    "contracts/schema_outside_contract.yaml",
                    """
                    contract:
                      name: schema_outside_contract
                      version: "1"
                      owner: a
                      table: silver.schema_outside_contract
                    schema:
                      - {column: id, type: BIGINT}
                    """,
                    "contracts/schema_outside_contract.yaml:6:1: schema: Unknown key 'schema' — move it under 'contract:'"),
            new SpecCase(
                    "contracts/second_of_two.yaml",
                    """
                    contract:
                      name: second_of_two
                      version: "1"
                      owner: a
                      table: silver.shared
                    """,
                    "contracts/second_of_two.yaml:5:10: contract.table: Table 'silver.shared' already has a contract in contracts/first_of_two.yaml — a table has one contract; merge the two, or name another table"),
            new SpecCase(
                    "contracts/table_without_namespace.yaml",
                    """
                    contract:
                      name: table_without_namespace
                      version: "1"
                      owner: a
                      table: orders
                    """,
                    "contracts/table_without_namespace.yaml:5:10: contract.table: Invalid value 'orders' — use namespace.table in lower case, such as silver.orders"),
            new SpecCase(
                    "contracts/undeclared_column.yaml",
                    """
                    contract:
                      name: undeclared_column
                      version: "1"
                      owner: a
                      table: silver.undeclared_column
                      schema:
                        - {column: id, type: BIGINT}
                      checks:
                        - {type: not_null, column: idd}
                    """,
                    "contracts/undeclared_column.yaml:9:32: contract.checks[0].column: Column 'idd' is not declared in the contract — did you mean 'id'?"),
            new SpecCase(
                    "contracts/unknown_policy.yaml",
                    """
                    contract:
                      name: unknown_policy
                      version: "1"
                      owner: a
                      table: silver.unknown_policy
                      breaking_change_policy: whenever
                    """,
                    "contracts/unknown_policy.yaml:6:27: contract.breaking_change_policy: Invalid value 'whenever' — use one of notify-30-days, version-bump, never-break"),
            new SpecCase(
                    "contracts/volume_on_column.yaml",
                    """
                    contract:
                      name: volume_on_column
                      version: "1"
                      owner: a
                      table: silver.volume_on_column
                      schema:
                        - {column: id, type: BIGINT, checks: [{type: volume, params: {min_rows: 1}}]}
                    """,
                    "contracts/volume_on_column.yaml:7:50: contract.schema[0].checks[0].type: A volume check judges the whole table, not one column — move it to the contract's checks"));

    private static final List<UsageCase> USAGE_CASES = List.of(
            new UsageCase(
                    List.of("rejects", "silver"),
                    "error: Invalid table name: 'silver'",
                    "hint: name a table as namespace.table, e.g. silver.orders"),
            new UsageCase(
                    List.of("rejects", "silver.nope"),
                    "error: Unknown table: silver.nope",
                    "hint: known tables: [bronze.customers, bronze.orders, bronze.products, gold.daily_revenue, silver.customers, silver.orders,"
                            + " silver.products]"),
            new UsageCase(
                    List.of("test", "nope"),
                    "error: Unknown table or pipeline: 'nope'",
                    "hint: name a table as namespace.table or a pipeline of pipelines/"),
            new UsageCase(
                    List.of("test", "bronze.orders"),
                    "error: Table bronze.orders has no checks to run",
                    "hint: declare a contract for it in contracts/ or post_load checks in its pipeline"),
            new UsageCase(
                    List.of("checks"),
                    "error: Name a pipeline or a run",
                    "hint: e.g. weir checks silver_orders, or weir checks --run <run_id>"),
            new UsageCase(
                    List.of("checks", "nope"),
                    "error: Unknown pipeline: nope",
                    "hint: known pipelines: [bronze_customers, bronze_orders, bronze_products, gold_daily_revenue, silver_customers, silver_orders,"
                            + " silver_products]"),
            new UsageCase(
                    List.of("checks", "--run", "nope"),
                    "error: Unknown run: nope",
                    "hint: weir runs lists run ids; weir test prints none, use weir checks --run test-..."));

    @TempDir
    Path dir;

    @Test
    void everySpecMistakeIsReportedOnItsOwnLineWithLocationAndHintAndExitTwo() {
        DemoProject project = DemoProject.empty(dir.resolve("corpus")).write("weir.yaml", "name: corpus\n");
        SPEC_CASES.forEach(c -> project.write(c.file(), c.content()));
        project.write("contracts/first_of_two.yaml", """
                contract: {name: first_of_two, version: "1", owner: a, table: silver.shared}
                """);

        Weir.Result validate = Weir.run(project.root(), "validate");
        Weir.Result run = Weir.run(project.root(), "run");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
        List<String> expected = new java.util.ArrayList<>(
                SPEC_CASES.stream().map(SpecCase::message).sorted().toList());
        expected.add(SPEC_CASES.size() + " problems found.");
        assertThat(validate.err().lines().toList()).containsExactlyElementsOf(expected);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(List.of(validate, run)).allSatisfy(BadInputCorpusIT::assertNoStackTrace);
        assertThat(SPEC_CASES).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void everyCommandMistakeExitsTwoWithOneErrorLineAndAHint() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();

        for (UsageCase c : USAGE_CASES) {
            Weir.Result result = Weir.run(demo.root(), c.args().toArray(String[]::new));
            assertThat(result.exitCode()).as(c.args() + "\n" + result).isEqualTo(2);
            assertThat(result.err().lines().toList()).as(c.args().toString()).containsExactly(c.message(), c.hint());
            assertNoStackTrace(result);
        }
    }

    private static void assertNoStackTrace(Weir.Result result) {
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
