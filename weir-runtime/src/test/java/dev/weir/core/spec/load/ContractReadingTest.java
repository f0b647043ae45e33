package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.error.Location;
import dev.weir.core.spec.BreakingChangePolicy;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.ContractColumn;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.SlaSpec;
import dev.weir.core.spec.TableId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract files read into {@link ContractSpec}s: every key, the defaults, and where contracts are found. */
class ContractReadingTest {
    @TempDir
    Path dir;

    @Test
    void fullContractReadsIntoItsRecordWithImpliedNotNullAndSlaFreshness() {
        TestProject project = new TestProject(dir)
                .weirYaml("name: shop\n")
                .env("CHANNEL", "#orders-alerts")
                .contract("silver_orders", """
                        contract:
                          name: silver_orders
                          version: "1.2.0"
                          owner: data-eng
                          consumers: [finance, bi]
                          table: silver.orders
                          sla:
                            freshness_hours: 24
                            availability_percent: 99.9
                            support_hours: 24x7
                          schema:
                            - column: order_id
                              type: BIGINT
                              nullable: false
                              description: The shop's order number
                              business_definition: One order, however many lines it has
                              checks:
                                - {type: unique, severity: P0}
                            - column: customer_email
                              type: VARCHAR
                              pii: true
                              checks:
                                - {type: not_null, severity: P2}
                                - {type: regex, params: {pattern: "^[^@]+@[^@]+$"}}
                            - column: updated_at
                              type: TIMESTAMP
                              checks:
                                - {type: freshness}
                          checks:
                            - {type: volume, params: {min_rows: 1}}
                            - {type: custom, name: positive_total, params: {expression: total > 0}}
                            - {type: freshness, name: recent_orders, column: updated_at, params: {max_age_hours: 2}}
                          breaking_change_policy: version-bump
                          notification_channel: ${env:CHANNEL}
                        """);
        Path root = dir.toAbsolutePath();

        ProjectSpec spec = project.load();

        String file = "contracts/silver_orders.yaml:";
        assertThat(spec.contracts())
                .containsExactly(new ContractSpec(
                        root.resolve("contracts/silver_orders.yaml"),
                        "silver_orders",
                        "1.2.0",
                        "data-eng",
                        List.of("finance", "bi"),
                        new TableId("silver", "orders"),
                        new SlaSpec(OptionalDouble.of(24), OptionalDouble.of(99.9), "24x7"),
                        List.of(
                                new ContractColumn(
                                        "order_id",
                                        "BIGINT",
                                        false,
                                        "The shop's order number",
                                        "One order, however many lines it has",
                                        false,
                                        Optional.empty(),
                                        List.of(
                                                new CheckSpec(
                                                        "not_null(order_id)",
                                                        new CheckRule.NotNull("order_id"),
                                                        Severity.P1,
                                                        true,
                                                        file + 14),
                                                new CheckSpec(
                                                        "unique(order_id)",
                                                        new CheckRule.Unique(List.of("order_id")),
                                                        Severity.P0,
                                                        true,
                                                        file + 18)),
                                        new Location(
                                                "contracts/silver_orders.yaml", 13, 13, "contract.schema[0].type")),
                                new ContractColumn(
                                        "customer_email",
                                        "VARCHAR",
                                        true,
                                        "",
                                        "",
                                        true,
                                        Optional.empty(),
                                        List.of(
                                                new CheckSpec(
                                                        "not_null(customer_email)",
                                                        new CheckRule.NotNull("customer_email"),
                                                        Severity.P2,
                                                        false,
                                                        file + 23),
                                                new CheckSpec(
                                                        "regex(customer_email)",
                                                        new CheckRule.Matches("customer_email", "^[^@]+@[^@]+$"),
                                                        Severity.P1,
                                                        true,
                                                        file + 24)),
                                        new Location(
                                                "contracts/silver_orders.yaml", 20, 13, "contract.schema[1].type")),
                                new ContractColumn(
                                        "updated_at",
                                        "TIMESTAMP",
                                        true,
                                        "",
                                        "",
                                        false,
                                        Optional.empty(),
                                        List.of(new CheckSpec(
                                                "freshness(updated_at)",
                                                new CheckRule.Freshness("updated_at", 24),
                                                Severity.P1,
                                                true,
                                                file + 28)),
                                        new Location(
                                                "contracts/silver_orders.yaml", 26, 13, "contract.schema[2].type"))),
                        List.of(
                                new CheckSpec(
                                        "volume",
                                        new CheckRule.Volume(
                                                OptionalLong.of(1), OptionalLong.empty(), OptionalDouble.empty()),
                                        Severity.P1,
                                        true,
                                        file + 30),
                                new CheckSpec(
                                        "positive_total",
                                        new CheckRule.Expression("total > 0"),
                                        Severity.P1,
                                        true,
                                        file + 31),
                                new CheckSpec(
                                        "recent_orders",
                                        new CheckRule.Freshness("updated_at", 2),
                                        Severity.P1,
                                        true,
                                        file + 32)),
                        BreakingChangePolicy.VERSION_BUMP,
                        Optional.of("#orders-alerts")));
        assertThat(spec.contractFor(new TableId("silver", "orders"))).isPresent();
    }

    @Test
    void minimalContractGetsDocumentedDefaults() {
        ProjectSpec spec = new TestProject(dir)
                .weirYaml("name: shop\n")
                .contract("silver_orders", """
                        contract: {name: silver_orders, version: "1", owner: data-eng, table: silver.orders}
                        """)
                .load();

        assertThat(spec.contracts())
                .containsExactly(new ContractSpec(
                        dir.toAbsolutePath().resolve("contracts/silver_orders.yaml"),
                        "silver_orders",
                        "1",
                        "data-eng",
                        List.of(),
                        new TableId("silver", "orders"),
                        SlaSpec.NONE,
                        List.of(),
                        List.of(),
                        BreakingChangePolicy.NOTIFY_30_DAYS,
                        Optional.empty()));
    }

    @Test
    void contractsAreReadFromYamlAndYmlFilesSortedByPath() {
        String body = "contract: {name: %s, version: \"1\", owner: data-eng, table: %s}\n";
        ProjectSpec spec = new TestProject(dir)
                .weirYaml("name: shop\n")
                .file("contracts/zeta.yml", body.formatted("zeta", "raw.zeta"))
                .file("contracts/gold/alpha.yaml", body.formatted("alpha", "gold.alpha"))
                .file("contracts/beta.yaml", body.formatted("beta", "raw.beta"))
                .file("contracts/README.md", "not a contract")
                .load();

        assertThat(spec.contracts()).extracting(ContractSpec::name).containsExactly("beta", "alpha", "zeta");
    }

    @Test
    void projectWithoutContractsDirectoryHasNoContracts() {
        assertThat(new TestProject(dir).weirYaml("name: shop\n").load().contracts())
                .isEmpty();
    }
}
