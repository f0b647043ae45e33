package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run compares the loaded columns with the table and its contract: additive, widening and
 * contract-mapped renames evolve the Iceberg schema; removals and type changes stop the load
 * with a message naming the column and the change, and leave the table as it was.
 */
class SchemaDriftIT {
    @TempDir
    Path dir;

    @Test
    void aNewColumnIsAddedToTheTableAndRowsLoadedBeforeReadNull() {
        DemoProject demo = loadedOnce()
                .addSecondBatch()
                .edit(
                        "sql/silver_orders_clean.sql",
                        "lower(trim(status))                       AS status,",
                        "lower(trim(status))                       AS status,\n    'web'                                     AS channel,");

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err())
                .contains("ALERT [P2] schema_changed silver_orders run ")
                .contains("column 'channel' is new (string) (against contract silver_orders)")
                .contains("column 'channel' is new (string) (against table silver.orders)");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.rows("SELECT channel, count(*) FROM silver.orders GROUP BY 1 ORDER BY 1 NULLS FIRST"))
                    .containsExactly(java.util.Arrays.asList(null, "220"), List.of("web", "60"));
        }
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            assertThat(iceberg.table("silver.orders")
                            .schema()
                            .findField("channel")
                            .isOptional())
                    .isTrue();
            assertThat(iceberg.rows("silver.orders")).hasSize(280);
        }
    }

    @Test
    void aColumnTheContractPromisesCannotBeDroppedAndTheTableStaysAsItWas() {
        DemoProject demo = loadedOnce()
                .addSecondBatch()
                .edit(
                        "sql/silver_orders_clean.sql",
                        "    TRY_CAST(product_id AS BIGINT)            AS product_id,\n",
                        "");
        String before;
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            before = lake.digest("silver.orders");
        }

        Weir.Result run = Weir.run(demo.root(), "run", "bronze_orders", "silver_orders");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "error in silver_orders (stage schema): Cannot load into silver.orders: breaking schema changes:"
                                + " column 'product_id' (long) is no longer loaded (against contract silver_orders);"
                                + " column 'product_id' (long) is no longer loaded (against table silver.orders)")
                .contains("hint: make the last transform stage select the promised columns with their types (CAST)")
                .contains("ALERT [P1] run_failed silver_orders");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digest("silver.orders")).isEqualTo(before);
        }
    }

    @Test
    void aWiderDecimalWidensTheColumnWhileAnIncompatibleTypeIsRefused() {
        DemoProject demo = loadedOnce()
                .addSecondBatch()
                .edit(
                        "pipelines/gold_daily_revenue.yaml",
                        "AS DECIMAL(18, 2)) AS revenue",
                        "AS DECIMAL(20, 2)) AS revenue");

        Weir.Result widened = Weir.run(demo.root(), "run");

        assertThat(widened.exitCode()).as(widened.toString()).isZero();
        assertThat(widened.err())
                .contains(
                        "column 'revenue' widens from decimal(18,2) to decimal(20,2) (against table gold.daily_revenue)");
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            assertThat(iceberg.table("gold.daily_revenue")
                            .schema()
                            .findField("revenue")
                            .type())
                    .isEqualTo(Types.DecimalType.of(20, 2));
            assertThat(iceberg.rows("gold.daily_revenue")).hasSize(21);
        }

        demo.edit("pipelines/gold_daily_revenue.yaml", "CAST(count(*) AS BIGINT)", "CAST(count(*) AS VARCHAR)")
                .write("data/orders/b4-orders-2024-03-09.csv", """
                        order_id,customer_id,product_id,quantity,unit_price,status,order_date,updated_at
                        5290,100,1,1,39.81,placed,2024-03-09,2024-03-09 09:00:00
                        """);
        Weir.Result changed = Weir.run(demo.root(), "run");

        assertThat(changed.exitCode()).isEqualTo(1);
        assertThat(changed.err())
                .contains("Cannot load into gold.daily_revenue: breaking schema change:"
                        + " column 'orders' changes type from long to string (against table gold.daily_revenue)");
    }

    @Test
    void aColumnRenamedInTheContractKeepsItsData() {
        DemoProject demo = loadedOnce()
                .addSecondBatch()
                .edit("sql/silver_orders_clean.sql", "AS customer_id,", "AS buyer_id,")
                .edit(
                        "contracts/silver_orders.yaml",
                        "    - column: customer_id\n",
                        "    - column: buyer_id\n      renamed_from: customer_id\n")
                .edit(
                        "contracts/silver_orders.yaml",
                        "column: customer_id\n      severity: P2",
                        "column: buyer_id\n      severity: P2");

        Weir.Result run = Weir.run(demo.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("column 'customer_id' is renamed to 'buyer_id' (against table silver.orders)");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(280);
            assertThat(lake.value("SELECT count(*) FROM silver.orders WHERE buyer_id IS NULL"))
                    .isEqualTo("0");
            assertThat(lake.value("SELECT buyer_id FROM silver.orders WHERE order_id = 5000"))
                    .isEqualTo("117");
        }
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            assertThat(iceberg.table("silver.orders").schema().findField("customer_id"))
                    .isNull();
            assertThat(iceberg.rows("silver.orders"))
                    .allSatisfy(row -> assertThat(row.get(1)).isNotNull());
        }
    }

    private DemoProject loadedOnce() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        return demo;
    }
}
