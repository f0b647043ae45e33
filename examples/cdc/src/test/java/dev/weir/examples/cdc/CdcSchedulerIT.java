package dev.weir.examples.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.connectors.cdc.LogicalPostgres;
import dev.weir.examples.shop.Weir;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir scheduler} following the CDC pipeline ({@code schedule: follow}) in its own JVM. */
class CdcSchedulerIT {
    @TempDir
    Path dir;

    @Test
    void theSchedulerFollowsTheChangesThroughAKillAndStopsOnSigtermWithEveryBatchCommitted() throws Exception {
        String url = LogicalPostgres.newDatabase();
        LogicalPostgres.execute(
                url,
                "CREATE TABLE customers (customer_id bigint PRIMARY KEY, name text NOT NULL, email text,"
                        + " balance numeric(10,2), born date, updated_at timestamptz)",
                "INSERT INTO customers SELECT i, 'customer ' || i, NULL, i, NULL, now() FROM generate_series(1, 50) i");
        CdcProject project = new CdcProject(
                dir.resolve("cdc"),
                url,
                text -> text.replace("follow_interval_seconds: 10", "follow_interval_seconds: 1"));
        // a short lease: the scheduler started after the kill takes over within two seconds
        Process killed = project.start("scheduler", "--poll", "0.2", "--lease", "2");
        try {
            awaitTableEqualsSource(project, url);
            LogicalPostgres.execute(url, "UPDATE customers SET name = 'renamed' WHERE customer_id <= 10");
            Thread.sleep(1_500);
            LogicalPostgres.execute(url, "DELETE FROM customers WHERE customer_id BETWEEN 40 AND 45");
        } finally {
            killed.destroyForcibly(); // SIGKILL, maybe mid-batch
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        LogicalPostgres.execute(url, "INSERT INTO customers VALUES (51, 'new', NULL, 51, NULL, now())");
        Process scheduler = project.start("scheduler", "--poll", "0.2", "--lease", "2");
        try {
            awaitTableEqualsSource(project, url);
        } finally {
            scheduler.destroy(); // SIGTERM
            assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        Weir.Result stopped = Weir.result(project.root(), scheduler);
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(stopped.out())
                .contains("bronze_customers       follow (a batch every 1 s)")
                .contains("scheduler stopped by");
        assertThat(table(project)).isEqualTo(source(url));
        Weir.Result ticks = project.run("scheduler", "ticks");
        assertThat(ticks.out()).doesNotContain("bronze_customers");
    }

    private static void awaitTableEqualsSource(CdcProject project, String url) throws Exception {
        Map<Long, String> source = source(url);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<Long, String> table = Map.of();
        while (System.nanoTime() < deadline) {
            table = project.hasTable("bronze.customers") ? table(project) : Map.of();
            if (table.equals(source)) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(table).as("bronze.customers after two minutes of following").isEqualTo(source);
    }

    private static Map<Long, String> table(CdcProject project) {
        Map<Long, String> rows = new TreeMap<>();
        project.rows("bronze.customers")
                .forEach(r -> rows.put(Long.parseLong(r.get("customer_id")), r.get("name") + "|" + r.get("balance")));
        return rows;
    }

    private static Map<Long, String> source(String url) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection connection = LogicalPostgres.connect(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT customer_id, name, balance FROM customers")) {
            while (result.next()) {
                rows.put(result.getLong(1), result.getString(2) + "|" + result.getBigDecimal(3));
            }
        }
        return rows;
    }
}
