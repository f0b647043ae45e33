package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems in quality checks, as written in a pipeline's quality_gates: each one where it was written. */
class CheckProblemsTest {
    private static final String HEAD = """
            pipeline: {name: orders}
            extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
            load: {target: bronze.orders, strategy: append}
            quality_gates:
            """;

    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    /** The problems of a pipeline whose quality_gates section holds {@code gates} (from line 5 on). */
    private List<String> problems(String gates) {
        return project.pipeline("orders", HEAD + gates).problems();
    }

    @Test
    void unknownCheckTypeListsTheTypesAndSuggestsTheClosest() {
        assertThat(problems("""
                  pre_load:
                    - {type: not_nul, column: order_id}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:14: quality_gates.pre_load[0].type: Invalid value 'not_nul' — use one of"
                                + " not_null, unique, range, enum, regex, custom, freshness, volume, referential, distribution,"
                                + " reconciliation, custom_sql; did you mean 'not_null'?");
    }

    @Test
    void checkWithoutTypeAsksForOne() {
        assertThat(problems("""
                  pre_load:
                    - {column: order_id}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:7: quality_gates.pre_load[0].type: Missing required key 'type'"
                                + " — add a line like 'type: not_null'");
    }

    @Test
    void missingRequiredParamIsAskedForInsideParamsOrWithParams() {
        assertThat(problems("""
                  pre_load:
                    - {type: regex, column: sku}
                    - {type: regex, column: code, params: {}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:7: quality_gates.pre_load[0].params: Missing required key 'params'"
                                + " — add a line like 'params: {pattern: \"^[A-Z]{2}-[0-9]+$\"}'",
                        "pipelines/orders.yaml:7:43: quality_gates.pre_load[1].params.pattern: Missing required key 'pattern'"
                                + " — add a line like 'pattern: \"^[A-Z]{2}-[0-9]+$\"'");
    }

    @Test
    void unknownParamSuggestsTheClosestParamOfTheType() {
        assertThat(problems("""
                  pre_load:
                    - {type: range, column: quantity, params: {maxx: 5}}
                """))
                .containsExactly("pipelines/orders.yaml:6:48: quality_gates.pre_load[0].params.maxx: Unknown key 'maxx'"
                        + " — did you mean 'max'?");
    }

    @Test
    void paramWrittenBesideParamsIsPointedUnderParams() {
        assertThat(problems("""
                  pre_load:
                    - {type: range, column: quantity, min: 1}
                    - {type: regex, column: sku, pattern: "[A-Z]+"}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:39: quality_gates.pre_load[0].min: Unknown key 'min' — move it under 'params:'",
                        "pipelines/orders.yaml:7:34: quality_gates.pre_load[1].pattern: Unknown key 'pattern'"
                                + " — move it under 'params:'");
    }

    @Test
    void typeWithoutParamsRefusesThem() {
        assertThat(problems("""
                  pre_load:
                    - {type: not_null, column: id, params: {strict: true}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:44: quality_gates.pre_load[0].params: Type 'not_null' takes no params"
                                + " — remove 'params'");
    }

    @Test
    void rangeNeedsABoundAndBoundsInOrder() {
        assertThat(problems("""
                  pre_load:
                    - {type: range, column: quantity}
                    - {type: range, column: price, params: {min: 10, max: 5.5}}
                    - {type: range, column: discount, params: {min: true}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:7: quality_gates.pre_load[0].params: A range check needs min or max"
                                + " — add a line like 'params: {min: 0, max: 1000}'",
                        "pipelines/orders.yaml:7:59: quality_gates.pre_load[1].params.max: max 5.5 is less than min 10"
                                + " — swap the bounds, or correct one of them",
                        "pipelines/orders.yaml:8:53: quality_gates.pre_load[2].params.min: Expected a number or a string,"
                                + " found a boolean — write it like 'min: 0'");
    }

    @Test
    void regexMustCompileAndSaysWhyNot() {
        assertThat(problems("""
                  pre_load:
                    - {type: regex, column: sku, params: {pattern: "[A-Z"}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:52: quality_gates.pre_load[0].params.pattern: Invalid regular expression:"
                                + " Unclosed character class near index 3"
                                + " — write a Java regular expression such as '^[A-Z]{2}-[0-9]+$', quoted in YAML");
    }

    @Test
    void p0CheckThatDoesNotBlockIsRefused() {
        assertThat(problems("""
                  pre_load:
                    - {type: not_null, column: id, severity: P0, block: false}
                """))
                .containsExactly("pipelines/orders.yaml:6:57: quality_gates.pre_load[0].block: A P0 check always blocks"
                        + " — remove 'block: false', or use a lower severity such as P1");
    }

    @Test
    void severityMustBeP0ToP3() {
        assertThat(problems("""
                  pre_load:
                    - {type: not_null, column: id, severity: p1}
                    - {type: not_null, column: ref, severity: critical}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:46: quality_gates.pre_load[0].severity: Invalid value 'p1'"
                                + " — use one of P0, P1, P2, P3; did you mean 'P1'?",
                        "pipelines/orders.yaml:7:47: quality_gates.pre_load[1].severity: Invalid value 'critical'"
                                + " — use one of P0, P1, P2, P3");
    }

    @Test
    void enumWithoutValuesIsRefused() {
        assertThat(problems("""
                  pre_load:
                    - {type: enum, column: status, params: {values: []}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:53: quality_gates.pre_load[0].params.values: Empty values: an enum check"
                                + " needs at least one value — add a line like 'values: [pending, shipped, delivered]'");
    }

    @Test
    void referentialTableMustBeANamespacedTableName() {
        assertThat(problems("""
                  post_load:
                    - {type: referential, column: customer_id, params: {table: customers}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:64: quality_gates.post_load[0].params.table: Invalid value 'customers'"
                                + " — use namespace.table in lower case, such as silver.orders");
    }

    @Test
    void volumeNeedsABoundThatIsACountInOrder() {
        assertThat(problems("""
                  post_load:
                    - {type: volume}
                    - {type: volume, params: {min_rows: 1, max_rows: lots}}
                    - {type: volume, params: {min_rows: 10, max_rows: 5}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:7: quality_gates.post_load[0].params: A volume check needs min_rows, max_rows"
                                + " or max_change_percent — add a line like 'params: {min_rows: 1}'",
                        "pipelines/orders.yaml:7:54: quality_gates.post_load[1].params.max_rows: Expected an integer,"
                                + " found a string — write it like 'max_rows: 1000000'",
                        "pipelines/orders.yaml:8:55: quality_gates.post_load[2].params.max_rows: max_rows 5 is less than"
                                + " min_rows 10 — swap them, or correct one of them");
    }

    @Test
    void columnRulesNeedTheirColumn() {
        assertThat(problems("""
                  pre_load:
                    - {type: not_null}
                    - {type: unique}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:7: quality_gates.pre_load[0].column: Missing required key 'column'"
                                + " — not_null checks judge one column: add a line like 'column: order_id'",
                        "pipelines/orders.yaml:7:7: quality_gates.pre_load[1].column: Missing required key 'column'"
                                + " — add a line like 'column: order_id', or 'columns: [order_id, line_no]' for a key of several");
    }

    @Test
    void wholeRelationRulesRefuseColumns() {
        assertThat(problems("""
                  post_load:
                    - {type: volume, column: id, params: {min_rows: 1}}
                    - {type: custom, columns: [a], params: {expression: a > 0}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:30: quality_gates.post_load[0].column: 'column' does not apply to volume"
                                + " checks — remove it: volume checks judge the relation as a whole",
                        "pipelines/orders.yaml:7:31: quality_gates.post_load[1].columns: 'columns' does not apply to custom"
                                + " checks — remove it: the expression names the columns it reads");
    }

    @Test
    void onlyUniqueTakesColumnsAndNotBesideColumn() {
        assertThat(problems("""
                  pre_load:
                    - {type: not_null, columns: [a, b]}
                    - {type: unique, column: a, columns: [a, b]}
                    - {type: unique, columns: []}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:33: quality_gates.pre_load[0].columns: 'columns' only applies to unique"
                                + " checks — name one column, like 'column: order_id'",
                        "pipelines/orders.yaml:7:42: quality_gates.pre_load[1].columns: Use either column or columns, not both"
                                + " — column names a one-column key, columns a key of several columns",
                        "pipelines/orders.yaml:8:31: quality_gates.pre_load[2].columns: Empty columns: a unique check needs at"
                                + " least one column — add a line like 'columns: [order_id, line_no]'");
    }

    @Test
    void freshnessInAPipelineNeedsAPositiveFiniteMaxAge() {
        assertThat(problems("""
                  post_load:
                    - {type: freshness, column: updated_at}
                    - {type: freshness, column: loaded_at, params: {max_age_hours: 0}}
                    - {type: freshness, column: shipped_at, params: {max_age_hours: .inf}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:7: quality_gates.post_load[0].params.max_age_hours: Missing required key"
                                + " 'max_age_hours' — add a line like 'params: {max_age_hours: 24}'",
                        "pipelines/orders.yaml:7:68: quality_gates.post_load[1].params.max_age_hours: Invalid value 0:"
                                + " must be more than 0 — write it like 'max_age_hours: 24'",
                        "pipelines/orders.yaml:8:69: quality_gates.post_load[2].params.max_age_hours: Invalid value .inf:"
                                + " must be a finite number — write it like 'max_age_hours: 24'");
    }

    @Test
    void distributionNeedsAShareOrDriftWithinBounds() {
        assertThat(problems("""
                  post_load:
                    - {type: distribution, column: status, params: {}}
                    - {type: distribution, column: region, params: {max_share_percent: 120, max_drift_percent: -1}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:52: quality_gates.post_load[0].params: A distribution check needs"
                                + " max_share_percent or max_drift_percent — add a line like 'params: {max_share_percent: 80}'",
                        "pipelines/orders.yaml:7:72: quality_gates.post_load[1].params.max_share_percent: Invalid value 120:"
                                + " must be between 0 and 100 — write it like 'max_share_percent: 80'",
                        "pipelines/orders.yaml:7:96: quality_gates.post_load[1].params.max_drift_percent: Invalid value -1:"
                                + " must be 0 or more — write it like 'max_drift_percent: 10'");
    }

    @Test
    void reconciliationSourceIsBatchOrATableAndItsExpressionsAreNotEmpty() {
        assertThat(problems("""
                  post_load:
                    - {type: reconciliation, params: {source: orders, expression: sum(amount)}}
                    - {type: reconciliation, name: totals, params: {expression: "", target_expression: " "}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:47: quality_gates.post_load[0].params.source: Invalid value 'orders'"
                                + " — use batch (the run's extracted rows), or a table as namespace.table in lower case",
                        "pipelines/orders.yaml:7:65: quality_gates.post_load[1].params.expression: Empty expression"
                                + " — write a SQL aggregate such as sum(quantity * unit_price)",
                        "pipelines/orders.yaml:7:88: quality_gates.post_load[1].params.target_expression: Empty"
                                + " target_expression — write a SQL aggregate such as sum(amount), or remove it to use"
                                + " expression on both sides");
    }

    @Test
    void customSqlMustReadTheCheckedRelation() {
        assertThat(problems("""
                  post_load:
                    - {type: custom_sql, params: {sql: select * from orders where quantity < 0}}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:40: quality_gates.post_load[0].params.sql: The query does not read {{ this }}"
                                + " — write the checked relation as {{ this }}, such as"
                                + " 'select * from {{ this }} where quantity < 0'");
    }

    @Test
    void checkNamesAreUniqueWithinAGateIncludingDefaultNames() {
        assertThat(problems("""
                  pre_load:
                    - {type: not_null, column: id}
                    - {type: not_null, column: id, severity: P2}
                    - {type: volume, name: not_null(id), params: {min_rows: 1}}
                  post_load:
                    - {type: not_null, column: id}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:7:7: quality_gates.pre_load[1]: Duplicate check name 'not_null(id)'"
                                + " — also used at line 6; give one of them its own 'name:'",
                        "pipelines/orders.yaml:8:28: quality_gates.pre_load[2].name: Duplicate check name 'not_null(id)'"
                                + " — also used at line 6; give one of them its own 'name:'");
    }

    @Test
    void checksMustBeMappingsWithMappingParams() {
        assertThat(problems("""
                  pre_load:
                    - not_null
                    - {type: range, column: quantity, params: min=1}
                """))
                .containsExactly(
                        "pipelines/orders.yaml:6:7: quality_gates.pre_load[0]: Expected a mapping, found a string"
                                + " — write it like 'pre_load: [{type: not_null, column: order_id}]'",
                        "pipelines/orders.yaml:7:47: quality_gates.pre_load[1].params: Expected a mapping, found a string"
                                + " — write it like 'params: {min: 0, max: 1000}'");
    }
}
