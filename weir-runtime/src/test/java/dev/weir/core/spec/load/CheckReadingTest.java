package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.QualityGatesSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quality gates read into typed checks: every rule type, defaults, severities and where each was declared. */
class CheckReadingTest {
    private static final String HEAD = """
            pipeline: {name: orders}
            extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
            load: {target: bronze.orders, strategy: append}
            """;

    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    private QualityGatesSpec gates(String qualityGates) {
        project.pipeline("orders", HEAD + qualityGates);
        return project.load().pipelines().get(0).qualityGates();
    }

    private static String at(int line) {
        return "pipelines/orders.yaml:" + line;
    }

    @Test
    void rowLevelChecksReadIntoTheirRules() {
        QualityGatesSpec gates = gates("""
                quality_gates:
                  pre_load:
                    - {type: not_null, column: order_id}
                    - {type: unique, columns: [order_id, line_no], severity: P0}
                    - {type: unique, column: order_ref}
                    - {type: range, column: quantity, params: {min: 1, max: 1e3}}
                    - {type: range, column: ordered_at, params: {min: "2020-01-01"}}
                    - {type: enum, column: status, params: {values: [pending, 1, true]}}
                    - {type: regex, column: sku, params: {pattern: "^[A-Z]{2}-[0-9]+$"}}
                    - {type: custom, name: positive_total, severity: P2, params: {expression: quantity * unit_price > 0}}
                """);

        assertThat(gates.postLoad()).isEmpty();
        assertThat(gates.preLoad())
                .containsExactly(
                        new CheckSpec(
                                "not_null(order_id)", new CheckRule.NotNull("order_id"), Severity.P1, true, at(6)),
                        new CheckSpec(
                                "unique(order_id, line_no)",
                                new CheckRule.Unique(List.of("order_id", "line_no")),
                                Severity.P0,
                                true,
                                at(7)),
                        new CheckSpec(
                                "unique(order_ref)",
                                new CheckRule.Unique(List.of("order_ref")),
                                Severity.P1,
                                true,
                                at(8)),
                        new CheckSpec(
                                "range(quantity)",
                                new CheckRule.Range(
                                        "quantity",
                                        Optional.of(new CheckRule.Literal("1", true)),
                                        Optional.of(new CheckRule.Literal("1000", true))),
                                Severity.P1,
                                true,
                                at(9)),
                        new CheckSpec(
                                "range(ordered_at)",
                                new CheckRule.Range(
                                        "ordered_at",
                                        Optional.of(new CheckRule.Literal("2020-01-01", false)),
                                        Optional.empty()),
                                Severity.P1,
                                true,
                                at(10)),
                        new CheckSpec(
                                "enum(status)",
                                new CheckRule.AcceptedValues("status", List.of("pending", "1", "true")),
                                Severity.P1,
                                true,
                                at(11)),
                        new CheckSpec(
                                "regex(sku)",
                                new CheckRule.Matches("sku", "^[A-Z]{2}-[0-9]+$"),
                                Severity.P1,
                                true,
                                at(12)),
                        new CheckSpec(
                                "positive_total",
                                new CheckRule.Expression("quantity * unit_price > 0"),
                                Severity.P2,
                                false,
                                at(13)));
        assertThat(gates.preLoad()).allMatch(CheckSpec::isRowLevel);
    }

    @Test
    void tableLevelChecksReadIntoTheirRulesWithParamDefaults() {
        QualityGatesSpec gates = gates("""
                quality_gates:
                  post_load:
                    - {type: freshness, column: updated_at, params: {max_age_hours: 1.5}}
                    - {type: volume, params: {min_rows: 1, max_rows: 5000000000, max_change_percent: 50}}
                    - {type: referential, column: customer_id, params: {table: silver.customers}}
                    - {type: referential, column: sku, block: false, params: {table: silver.products, to_column: code}}
                    - {type: distribution, column: status, params: {max_share_percent: 80}}
                    - {type: reconciliation, params: {expression: sum(quantity * unit_price)}}
                    - type: reconciliation
                      name: revenue_matches
                      params:
                        source: bronze.orders
                        expression: sum(amount)
                        target_expression: sum(quantity * unit_price)
                        tolerance_percent: 0.5
                    - {type: custom_sql, severity: P3, params: {sql: "select * from {{ this }} where shipped_at < ordered_at"}}
                """);

        assertThat(gates.preLoad()).isEmpty();
        assertThat(gates.postLoad())
                .containsExactly(
                        new CheckSpec(
                                "freshness(updated_at)",
                                new CheckRule.Freshness("updated_at", 1.5),
                                Severity.P1,
                                true,
                                at(6)),
                        new CheckSpec(
                                "volume",
                                new CheckRule.Volume(
                                        OptionalLong.of(1), OptionalLong.of(5_000_000_000L), OptionalDouble.of(50)),
                                Severity.P1,
                                true,
                                at(7)),
                        new CheckSpec(
                                "referential(customer_id)",
                                new CheckRule.Referential(
                                        "customer_id", new TableId("silver", "customers"), "customer_id"),
                                Severity.P1,
                                true,
                                at(8)),
                        new CheckSpec(
                                "referential(sku)",
                                new CheckRule.Referential("sku", new TableId("silver", "products"), "code"),
                                Severity.P1,
                                false,
                                at(9)),
                        new CheckSpec(
                                "distribution(status)",
                                new CheckRule.Distribution("status", OptionalDouble.of(80), OptionalDouble.empty()),
                                Severity.P1,
                                true,
                                at(10)),
                        new CheckSpec(
                                "reconciliation",
                                new CheckRule.Reconciliation(
                                        Optional.empty(),
                                        "sum(quantity * unit_price)",
                                        "sum(quantity * unit_price)",
                                        0),
                                Severity.P1,
                                true,
                                at(11)),
                        new CheckSpec(
                                "revenue_matches",
                                new CheckRule.Reconciliation(
                                        Optional.of(new TableId("bronze", "orders")),
                                        "sum(amount)",
                                        "sum(quantity * unit_price)",
                                        0.5),
                                Severity.P1,
                                true,
                                at(12)),
                        new CheckSpec(
                                "custom_sql",
                                new CheckRule.ViolationQuery("select * from {{ this }} where shipped_at < ordered_at"),
                                Severity.P3,
                                false,
                                at(19)));
        assertThat(gates.postLoad()).noneMatch(CheckSpec::isRowLevel);
    }

    @Test
    void numericBoundsKeepTheirExactValueInPlainDecimalForm() {
        QualityGatesSpec gates = gates("""
                quality_gates:
                  pre_load:
                    - {type: range, column: amount, params: {min: -.5, max: 99999999999999999999}}
                    - {type: range, column: total, params: {min: 1_000, max: 2.5e3}}
                """);

        assertThat(gates.preLoad())
                .extracting(CheckSpec::rule)
                .containsExactly(
                        new CheckRule.Range(
                                "amount",
                                Optional.of(new CheckRule.Literal("-0.5", true)),
                                Optional.of(new CheckRule.Literal("99999999999999999999", true))),
                        new CheckRule.Range(
                                "total",
                                Optional.of(new CheckRule.Literal("1000", true)),
                                Optional.of(new CheckRule.Literal("2500", true))));
    }

    @Test
    void severityDecidesWhetherAFailureBlocksUnlessBlockSaysOtherwise() {
        QualityGatesSpec gates = gates("""
                quality_gates:
                  pre_load:
                    - {type: not_null, column: a, severity: P0}
                    - {type: not_null, column: b, severity: P1, block: false}
                    - {type: not_null, column: c, severity: P2}
                    - {type: not_null, column: d, severity: P3, block: true}
                """);

        assertThat(gates.preLoad())
                .extracting(CheckSpec::severity, CheckSpec::blocking)
                .containsExactly(
                        tuple(Severity.P0, true),
                        tuple(Severity.P1, false),
                        tuple(Severity.P2, false),
                        tuple(Severity.P3, true));
    }

    @Test
    void rowAndTableLevelChecksMayRunOnEitherSideOfTheLoad() {
        QualityGatesSpec gates = gates("""
                quality_gates:
                  pre_load:
                    - {type: volume, params: {min_rows: 1}}
                  post_load:
                    - {type: unique, column: order_id}
                """);

        assertThat(gates.preLoad()).extracting(CheckSpec::name).containsExactly("volume");
        assertThat(gates.postLoad()).extracting(CheckSpec::name).containsExactly("unique(order_id)");
    }

    @Test
    void pipelineWithoutQualityGatesHasNone() {
        assertThat(gates("")).isEqualTo(QualityGatesSpec.NONE);
    }
}
