package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A P0 failure found by {@code weir test} on a published table offers the last good snapshot; rolling back and rerunning converges. */
class RollbackIT {
    private static final String VOLUME = "    - {type: volume, params: {min_rows: 1}}\n";
    private static final String P0_CHECK = """
                - name: nothing_after_march_6
                  type: custom_sql
                  severity: P0
                  params: {sql: "SELECT order_id FROM {{ this }} WHERE updated_at >= TIMESTAMP '2024-03-07 00:00:00'"}
            """ + VOLUME;

    @TempDir
    Path dir;

    @Test
    void weirTestOffersTheLastSnapshotWithoutTheP0FailureAndTheRollbackIsReloadedByTheNextRun() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        long firstSnapshot;
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            firstSnapshot = lake.history("silver.orders").get(0).snapshotId();
        }
        demo.addSecondBatch();
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        String loadedTwice;
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            loadedTwice = lake.digest("silver.orders");
        }
        demo.edit("contracts/silver_orders.yaml", VOLUME, P0_CHECK);

        Weir.Result test = Weir.run(demo.root(), "test", "silver.orders");

        assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
        assertThat(test.out())
                .contains(
                        "P0 failed on silver.orders (nothing_after_march_6). The newest snapshot where those checks pass is "
                                + firstSnapshot)
                .contains("  weir table rollback silver.orders --to " + firstSnapshot);
        Matcher offered =
                Pattern.compile("weir table rollback silver.orders --to (\\d+)").matcher(test.out());
        assertThat(offered.find()).isTrue();

        Weir.Result rollback = Weir.run(demo.root(), "table", "rollback", "silver.orders", "--to", offered.group(1));

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.count("silver.orders")).isEqualTo(240);
            assertThat(lake.history("silver.orders")).hasSize(1);
        }
        assertThat(Weir.run(demo.root(), "test", "silver.orders").exitCode()).isZero();

        demo.edit("contracts/silver_orders.yaml", P0_CHECK, VOLUME);
        Weir.Result rerun = Weir.run(demo.root(), "run", "silver_orders");

        assertThat(rerun.out()).contains("SUCCESS silver_orders          extracted 61, loaded 61, rejected 0;");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digest("silver.orders")).isEqualTo(loadedTwice);
        }
        Weir.Result unknown = Weir.run(demo.root(), "table", "rollback", "silver.orders", "--to", "42");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("error: Cannot roll silver.orders back to snapshot 42: it is not in the table's history");
    }
}
