package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems in contract files, and between contracts: each one where it was written. */
class ContractProblemsTest {
    /** The head of a valid contract for {@code silver.orders}, lines 1 to 5. */
    private static final String HEAD = """
            contract:
              name: silver_orders
              version: "1.0.0"
              owner: data-eng
              table: silver.orders
            """;

    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    @Test
    void contractNameMustMatchTheFileName() {
        project.contract("silver_orders", HEAD.replace("name: silver_orders", "name: orders"));

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:2:9: contract.name: Contract name 'orders' does not match the file name"
                                + " 'silver_orders.yaml' — rename the file to orders.yaml, or set 'name: silver_orders'");
    }

    @Test
    void schemaWrittenBesideTheContractIsPointedUnderIt() {
        project.contract("silver_orders", HEAD + """
                schema:
                  - {column: order_id, type: BIGINT}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:6:1: schema: Unknown key 'schema' — move it under 'contract:'");
    }

    @Test
    void contractNeedsVersionOwnerAndTable() {
        project.contract("silver_orders", """
                contract:
                  name: silver_orders
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:2:3: contract.version: Missing required key 'version'"
                                + " — add a line like 'version: \"1.0.0\"'",
                        "contracts/silver_orders.yaml:2:3: contract.owner: Missing required key 'owner'"
                                + " — add a line like 'owner: data-eng'",
                        "contracts/silver_orders.yaml:2:3: contract.table: Missing required key 'table'"
                                + " — add a line like 'table: silver.orders'");
    }

    @Test
    void tablePolicyAndSlaValuesAreChecked() {
        project.contract("silver_orders", """
                contract:
                  name: silver_orders
                  version: "1.0.0"
                  owner: data-eng
                  table: orders
                  breaking_change_policy: notify-30days
                  sla: {support_hours: 9-to-5, availability_percent: 101, freshness_hours: 0}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:5:10: contract.table: Invalid value 'orders'"
                                + " — use namespace.table in lower case, such as silver.orders",
                        "contracts/silver_orders.yaml:6:27: contract.breaking_change_policy: Invalid value 'notify-30days'"
                                + " — use one of notify-30-days, version-bump, never-break; did you mean 'notify-30-days'?",
                        "contracts/silver_orders.yaml:7:24: contract.sla.support_hours: Invalid value '9-to-5'"
                                + " — use one of business-hours, 24x7",
                        "contracts/silver_orders.yaml:7:54: contract.sla.availability_percent: Invalid value 101:"
                                + " must be between 0 and 100 — write it like 'availability_percent: 99.9'",
                        "contracts/silver_orders.yaml:7:76: contract.sla.freshness_hours: Invalid value 0:"
                                + " must be more than 0 — write it like 'freshness_hours: 24'");
    }

    @Test
    void columnsAreDeclaredOnceIgnoringCase() {
        project.contract("silver_orders", HEAD + """
                  schema:
                    - {column: order_id, type: BIGINT}
                    - {column: Order_ID, type: BIGINT}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:8:16: contract.schema[1].column: Duplicate column 'Order_ID'"
                                + " — also declared at line 7; declare each column once (names ignore case)");
    }

    @Test
    void checksUnderAColumnJudgeThatColumnOnly() {
        project.contract("silver_orders", HEAD + """
                  schema:
                    - column: quantity
                      type: INTEGER
                      checks:
                        - {type: range, column: quantity, params: {min: 1}}
                        - {type: volume, params: {min_rows: 1}}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:10:33: contract.schema[0].checks[0].column: 'column' is implied in a"
                                + " contract column's checks — remove it: these checks judge column 'quantity'",
                        "contracts/silver_orders.yaml:11:18: contract.schema[0].checks[1].type: A volume check judges the"
                                + " whole table, not one column — move it to the contract's checks");
    }

    @Test
    void contractChecksMayOnlyNameDeclaredColumns() {
        project.contract("silver_orders", HEAD + """
                  schema:
                    - {column: order_id, type: BIGINT}
                    - {column: quantity, type: INTEGER}
                  checks:
                    - {type: not_null, column: quantiy}
                    - {type: unique, columns: [order_id, line_no]}
                    - {type: referential, column: customer_id, params: {table: silver.customers}}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:10:32: contract.checks[0].column: Column 'quantiy' is not declared in"
                                + " the contract — did you mean 'quantity'?",
                        "contracts/silver_orders.yaml:11:42: contract.checks[1].columns[1]: Column 'line_no' is not declared"
                                + " in the contract — declared columns: order_id, quantity",
                        "contracts/silver_orders.yaml:12:35: contract.checks[2].column: Column 'customer_id' is not declared"
                                + " in the contract — declared columns: order_id, quantity");
    }

    @Test
    void nullableColumnWithANotNullCheckContradictsItself() {
        project.contract("silver_orders", HEAD + """
                  schema:
                    - {column: order_id, type: BIGINT, nullable: true, checks: [{type: not_null}]}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:7:50: contract.schema[0].nullable: Column 'order_id' is declared"
                                + " nullable but has a not_null check — set 'nullable: false', or remove the check");
    }

    @Test
    void notNullImpliedByNullableFalseClashesWithAnotherCheckOfThatName() {
        project.contract("silver_orders", HEAD + """
                  schema:
                    - {column: order_id, type: BIGINT, nullable: false}
                  checks:
                    - {type: not_null, column: order_id, severity: P0}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:9:7: contract.checks[0]: Duplicate check name 'not_null(order_id)'"
                                + " — also used at line 7; give one of them its own 'name:'");
    }

    @Test
    void freshnessCheckWithoutMaxAgeNeedsTheSlaFreshness() {
        project.contract("silver_orders", HEAD + """
                  schema:
                    - {column: updated_at, type: TIMESTAMP, checks: [{type: freshness}]}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:7:54: contract.schema[0].checks[0].params.max_age_hours: Missing"
                                + " required key 'max_age_hours' — add a line like 'params: {max_age_hours: 24}',"
                                + " or set sla.freshness_hours");
    }

    @Test
    void secondContractForATableIsReportedAtItsTable() {
        project.contract("silver_orders", HEAD)
                .contract("orders_v2", HEAD.replace("name: silver_orders", "name: orders_v2"));

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:5:10: contract.table: Table 'silver.orders' already has a contract in"
                                + " contracts/orders_v2.yaml — a table has one contract; merge the two, or name another table");
    }

    @Test
    void contractNamesAreUniqueAcrossDirectories() {
        project.file("contracts/silver/orders.yaml", HEAD.replace("name: silver_orders", "name: orders"))
                .file(
                        "contracts/gold/orders.yaml",
                        HEAD.replace("name: silver_orders", "name: orders").replace("silver.orders", "gold.orders"));

        assertThat(project.problems())
                .containsExactly(
                        "contracts/gold/orders.yaml:2:9: contract.name: Duplicate contract name 'orders'"
                                + " — also defined in contracts/silver/orders.yaml; contract names must be unique",
                        "contracts/silver/orders.yaml:2:9: contract.name: Duplicate contract name 'orders'"
                                + " — also defined in contracts/gold/orders.yaml; contract names must be unique");
    }

    @Test
    void emptyOrNonMappingContractFileSaysWhatItNeeds() {
        project.contract("empty", "").contract("listed", "- contract\n");

        assertThat(project.problems())
                .containsExactly(
                        "contracts/empty.yaml: File is empty"
                                + " — a contract file needs a contract section with at least name, version, owner and table",
                        "contracts/listed.yaml:1:1: Expected a mapping with a contract section, found a list"
                                + " — start the file with a 'contract:' section");
    }

    @Test
    void problemsInPipelinesAndContractsAreReportedTogether() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: silver.orders, strategy: append}
                quality_gates:
                  pre_load: [{type: not_null}]
                """).contract("silver_orders", HEAD + """
                  checks: [{type: volume, params: {min_rows: -1}}]
                """);

        assertThat(project.problems())
                .containsExactly(
                        "contracts/silver_orders.yaml:6:46: contract.checks[0].params.min_rows: Invalid value -1:"
                                + " must be 0 or more — write it like 'min_rows: 1'",
                        "pipelines/orders.yaml:5:14: quality_gates.pre_load[0].column: Missing required key 'column'"
                                + " — not_null checks judge one column: add a line like 'column: order_id'");
    }

    @Test
    void anUnquotedVersionThatYamlReadsAsANumberIsRefused() {
        project.contract("silver_orders", HEAD.replace("version: \"1.0.0\"", "version: 1.10"));

        assertThat(project.problems())
                .containsExactly("contracts/silver_orders.yaml:3:12: contract.version: Expected text, found a number"
                        + " — quote it, like 'version: \"1.0.0\"'");
    }
}
