package dev.weir.examples.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.connectors.cdc.LogicalPostgres;
import dev.weir.examples.shop.Weir;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CDC pipeline through the real command line against a real PostgreSQL with logical decoding. */
class CdcPipelineIT {
    @TempDir
    Path dir;

    @Test
    void aSnapshotThenInsertsUpdatesAndDeletesLeaveTheSourceTable() throws Exception {
        String url = LogicalPostgres.newDatabase();
        LogicalPostgres.execute(
                url,
                "CREATE TABLE customers (customer_id bigint PRIMARY KEY, name text NOT NULL, email text,"
                        + " balance numeric(10,2), born date, updated_at timestamptz)",
                "INSERT INTO customers SELECT i, 'customer ' || i, 'c' || i || '@example.com', i * 1.25,"
                        + " DATE '1990-01-01' + i, TIMESTAMPTZ '2024-03-01 10:00:00+00' + i * INTERVAL '1 minute'"
                        + " FROM generate_series(1, 5) i");
        CdcProject project = new CdcProject(dir.resolve("cdc"), url, UnaryOperator.identity());

        Weir.Result first = project.run("run");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(ids(project)).containsExactly(1L, 2L, 3L, 4L, 5L);

        LogicalPostgres.execute(
                url,
                "INSERT INTO customers VALUES (6, 'six', NULL, 6.00, NULL, now())",
                "UPDATE customers SET name = 'renamed', balance = 99.99 WHERE customer_id = 2",
                "DELETE FROM customers WHERE customer_id = 3",
                "BEGIN; INSERT INTO customers VALUES (7, 'seven', NULL, 7, NULL, now());"
                        + " UPDATE customers SET name = 'seven again' WHERE customer_id = 7;"
                        + " DELETE FROM customers WHERE customer_id = 4; COMMIT");
        Weir.Result second = project.run("run");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(table(project)).isEqualTo(source(url));

        Weir.Result third = project.run("run");
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(table(project)).isEqualTo(source(url));
        assertThat(third.out()).contains("extracted 0");
        String position = third.out().replaceAll("(?s).*-> lsn ([0-9A-F]+/[0-9A-F]+).*", "$1");
        assertThat(confirmed(url))
                .as("the slot is confirmed up to the table's position")
                .isEqualTo(position);

        Weir.Result status = project.run("status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .containsPattern("bronze_customers +lsn [0-9A-F]+/[0-9A-F]+ +lsn " + position
                        + " +[0-9.]+ (bytes|KB|MB) of WAL");

        Weir.Result drop = project.run("cdc", "drop", "bronze_customers");
        assertThat(drop.exitCode()).as(drop.toString()).isZero();
        assertThat(drop.out())
                .contains("Dropped replication slot weir_bronze_customers")
                .contains("Dropped publication weir_bronze_customers");
        assertThat(confirmed(url)).isNull();
        Weir.Result afterDrop = project.run("run");
        assertThat(afterDrop.exitCode()).as(afterDrop.toString()).isNotZero();
        assertThat(afterDrop.err())
                .contains("Replication slot weir_bronze_customers is gone")
                .doesNotContain("\tat ");
    }

    @Test
    void doctorNamesASlotNoPipelineReadsWithTheWalItKeepsAndHowToDropIt() throws Exception {
        String url = LogicalPostgres.newDatabase();
        LogicalPostgres.execute(
                url,
                "CREATE TABLE customers (customer_id bigint PRIMARY KEY, name text NOT NULL, email text,"
                        + " balance numeric(10,2), born date, updated_at timestamptz)",
                "INSERT INTO customers VALUES (1, 'one', NULL, 1.00, NULL, now())",
                // what a pipeline removed from the project without weir cdc drop leaves behind
                "SELECT pg_create_logical_replication_slot('weir_removed_orders', 'pgoutput')",
                "CREATE PUBLICATION weir_removed_orders FOR TABLE customers",
                "INSERT INTO customers SELECT i, 'customer ' || i, NULL, i, NULL, now() FROM generate_series(2, 2000) i");
        CdcProject project = new CdcProject(dir.resolve("cdc"), url, UnaryOperator.identity());
        Weir.Result run = project.run("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Weir.Result doctor = project.run("doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(1);
        assertThat(doctor.out())
                .containsPattern("ok +replication slots of connection shop: weir_bronze_customers \\(read by"
                        + " bronze_customers, keeps [0-9.]+ (bytes|KB|MB) of WAL\\)")
                .containsPattern("PROBLEM replication slot weir_removed_orders of connection shop: no pipeline of"
                        + " this project reads it, and it keeps [0-9.]+ (bytes|KB|MB) of WAL")
                .contains("SELECT pg_drop_replication_slot('weir_removed_orders'); DROP PUBLICATION IF EXISTS"
                        + " weir_removed_orders")
                .doesNotContain("unused"); // the connection's password
        LogicalPostgres.execute(
                url, "SELECT pg_drop_replication_slot('weir_removed_orders')", "DROP PUBLICATION weir_removed_orders");
        Weir.Result healthy = project.run("doctor");
        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
    }

    @Test
    void softDeletesKeepTheDeletedRowWithItsLastValuesAndWhenItWentAway() throws Exception {
        String url = LogicalPostgres.newDatabase();
        LogicalPostgres.execute(
                url,
                "CREATE TABLE customers (customer_id bigint PRIMARY KEY, name text NOT NULL, email text,"
                        + " balance numeric(10,2), born date, updated_at timestamptz)",
                "INSERT INTO customers VALUES (1, 'one', NULL, 1, NULL, now()), (2, 'two', NULL, 2, NULL, now())");
        CdcProject project = new CdcProject(
                dir.resolve("soft"), url, text -> text.replace("  strategy: cdc", "  strategy: cdc\n  deletes: soft"));
        Weir.Result refused = project.run("run");
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err())
                .contains("its replica identity is not FULL")
                .contains("ALTER TABLE public.customers REPLICA IDENTITY FULL");

        LogicalPostgres.execute(url, "ALTER TABLE customers REPLICA IDENTITY FULL");
        assertThat(project.run("run").exitCode()).isZero();
        LogicalPostgres.execute(
                url,
                "UPDATE customers SET name = 'two, last' WHERE customer_id = 2",
                "DELETE FROM customers WHERE customer_id = 2");
        Weir.Result deleted = project.run("run");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        Map<String, Map<String, String>> rows = new TreeMap<>();
        project.rows("bronze.customers").forEach(r -> rows.put(r.get("customer_id"), r));
        assertThat(rows).containsOnlyKeys("1", "2");
        assertThat(rows.get("1").get("_deleted_at")).isNull();
        assertThat(rows.get("2").get("name")).isEqualTo("two, last");
        assertThat(rows.get("2").get("_deleted_at")).isNotNull();
        assertThat(rows.get("2").get("_cdc_operation")).isEqualTo("delete");

        LogicalPostgres.execute(url, "INSERT INTO customers VALUES (2, 'two is back', NULL, 2, NULL, now())");
        assertThat(project.run("run").exitCode()).isZero();
        Map<String, String> back = project.rows("bronze.customers").stream()
                .filter(r -> r.get("customer_id").equals("2"))
                .findFirst()
                .orElseThrow();
        assertThat(back.get("name")).isEqualTo("two is back");
        assertThat(back.get("_deleted_at")).isNull();
    }

    @Test
    void anAddedOrWidenedColumnLoadsAndARemovedOneStopsThePipelineWithTheDriftMessage() throws Exception {
        String url = LogicalPostgres.newDatabase();
        LogicalPostgres.execute(
                url,
                "CREATE TABLE customers (customer_id bigint PRIMARY KEY, name text NOT NULL, email text,"
                        + " balance numeric(10,2), born date, updated_at timestamptz)",
                "INSERT INTO customers VALUES (1, 'one', 'one@example.com', 1, NULL, now())");
        CdcProject project = new CdcProject(dir.resolve("drift"), url, UnaryOperator.identity());
        assertThat(project.run("run").exitCode()).isZero();

        LogicalPostgres.execute(
                url,
                "INSERT INTO customers VALUES (2, 'two', NULL, 2, NULL, now())",
                "ALTER TABLE customers ADD COLUMN tier text, ALTER COLUMN balance TYPE numeric(14,2)",
                "INSERT INTO customers VALUES (3, 'three', NULL, 123456789.50, NULL, now(), 'gold')");
        Weir.Result added = project.run("run");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        Map<String, Map<String, String>> rows = new TreeMap<>();
        project.rows("bronze.customers").forEach(r -> rows.put(r.get("customer_id"), r));
        assertThat(rows.get("1").get("tier")).isNull();
        assertThat(rows.get("2").get("tier")).isNull();
        assertThat(rows.get("3").get("tier")).isEqualTo("gold");
        assertThat(rows.get("3").get("balance")).isEqualTo("123456789.50");

        LogicalPostgres.execute(
                url,
                "ALTER TABLE customers DROP COLUMN email",
                "UPDATE customers SET name = 'uno' WHERE customer_id = 1");
        Weir.Result removed = project.run("run");
        assertThat(removed.exitCode()).as(removed.toString()).isNotZero();
        assertThat(removed.err()).contains("email").doesNotContain("\tat ");
    }

    private static String confirmed(String url) throws SQLException {
        try (Connection connection = LogicalPostgres.connect(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots"
                        + " WHERE slot_name = 'weir_bronze_customers'")) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static List<Long> ids(CdcProject project) {
        return project.rows("bronze.customers").stream()
                .map(r -> Long.parseLong(r.get("customer_id")))
                .sorted()
                .toList();
    }

    /** The table's rows by key: name and balance. */
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
