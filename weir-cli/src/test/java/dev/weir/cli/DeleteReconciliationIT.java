package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hard deletes at a real PostgreSQL found by {@code extract.reconcile_deletes} (issue 13): the
 * table's keys are compared with the source's and the rows gone from the source are deleted,
 * marked deleted, or closed in an scd2 history, in the run's own commit; a guard refuses a mass
 * delete, which is what a source read only in part looks like.
 */
class DeleteReconciliationIT {
    private static final String PASSWORD = "rec0ncile-S3cret";

    @TempDir
    Path project;

    private CliProject cli;

    private CliProject cli() {
        if (cli == null) {
            cli = new CliProject(project, Map.of("CRM_DB_PASSWORD", PASSWORD));
        }
        return cli;
    }

    private CliProject.Result weir(String... args) {
        return cli().weir(args);
    }

    private void write(String relativePath, String content) {
        cli().write(relativePath, content);
    }

    @BeforeEach
    void projectAndTable() {
        SharedPostgres.sql(
                "DROP TABLE IF EXISTS crm_customers",
                "CREATE TABLE crm_customers (id int PRIMARY KEY, name text, segment text, updated_at timestamp)");
        SharedPostgres.sql(
                "INSERT INTO crm_customers SELECT g, 'customer ' || g, 'retail', '2026-01-01 10:00'::timestamp"
                        + " + g * interval '1 minute' FROM generate_series(1, 40) g");
        write("weir.yaml", "name: crm\n");
        write(
                "connections/crm.yaml",
                "url: " + SharedPostgres.url() + "\nuser: postgres\npassword: ${env:CRM_DB_PASSWORD}\n");
    }

    private void pipeline(String reconcile, String load) {
        pipeline(reconcile, load, "");
    }

    private void pipeline(String reconcile, String load, String tail) {
        write("pipelines/silver_customers.yaml", """
                pipeline:
                  name: silver_customers
                extract:
                  source_system: jdbc
                  connection: crm
                  table: crm_customers
                  strategy: incremental
                  incremental_key: updated_at
                  lookback: 1m
                  reconcile_deletes: %s
                load:
                  target: silver.customers
                %s
                %s""".formatted(
                        reconcile, load.indent(2).stripTrailing(), tail));
    }

    private static final String UPSERT = "strategy: upsert\nmerge_keys: [id]";

    @Test
    void aRowDeletedAtTheSourceIsDeletedInTheRunThatLoadsTheChanges() throws IOException {
        pipeline("{every_runs: 1}", UPSERT);
        assertSucceeded(weir("run"));
        // one batch with an update, an insert, a delete, and a key deleted and inserted again
        SharedPostgres.sql(
                "UPDATE crm_customers SET segment = 'wholesale', updated_at = '2026-01-02 09:00' WHERE id = 7",
                "INSERT INTO crm_customers VALUES (41, 'customer 41', 'retail', '2026-01-02 09:01')",
                "DELETE FROM crm_customers WHERE id IN (3, 30)",
                "DELETE FROM crm_customers WHERE id = 12",
                "INSERT INTO crm_customers VALUES (12, 'customer 12 again', 'retail', '2026-01-02 09:02')");
        CliProject.Result second = weir("run");
        assertSucceeded(second);
        assertThat(second.out()).contains("; reconciled 2 rows gone from the source;");
        assertThat(tableRows()).isEqualTo(sourceRows());
        assertThat(query("SELECT count(*) FROM silver.customers")).containsExactly("39");
        JsonNode record = lastRun();
        assertThat(record.path("rows_extracted").asLong())
                .isEqualTo(record.path("rows_loaded").asLong()
                        + record.path("rows_rejected").asLong());

        CliProject.Result rerun = weir("run");
        assertSucceeded(rerun);
        assertThat(tableRows()).isEqualTo(sourceRows());
    }

    @Test
    void rowsDeletedWithoutAnyNewRowAreStillFound() throws IOException {
        pipeline("{}", UPSERT);
        assertSucceeded(weir("run"));
        SharedPostgres.sql("DELETE FROM crm_customers WHERE id IN (1, 2)");
        assertSucceeded(weir("run"));
        assertThat(tableRows()).isEqualTo(sourceRows());
        assertThat(query("SELECT count(*) FROM silver.customers")).containsExactly("38");
    }

    @Test
    void aMassDeleteIsRefusedWithAWarningAndAnAlertAndTheChangesStillLoad() throws IOException {
        try (Hook hook = Hook.start()) {
            massDeleteIsRefused(hook);
        }
    }

    private void massDeleteIsRefused(Hook hook) throws IOException {
        pipeline(
                "{max_delete_percent: 10}",
                UPSERT,
                "error_handling:\n  alert_channels: [log, \"" + hook.url() + "\"]\n");
        // tier 1, so that the pipeline's own alerts (refused deletes) page at once, as P1
        Path file = project.resolve("pipelines/silver_customers.yaml");
        Files.writeString(
                file,
                Files.readString(file).replace("  name: silver_customers\n", "  name: silver_customers\n  tier: 1\n"));
        assertSucceeded(weir("run"));
        SharedPostgres.sql(
                "DELETE FROM crm_customers WHERE id <= 20",
                "UPDATE crm_customers SET segment = 'vip', updated_at = '2026-01-03 08:00' WHERE id = 33");
        CliProject.Result refused = weir("run");
        assertSucceeded(refused);
        assertThat(refused.out() + refused.err())
                .contains("20 of 40 rows of silver.customers (50.0%) have keys the source no longer holds")
                .contains("max_delete_percent (10%), so none was removed");
        assertThat(query("SELECT count(*), count(*) FILTER (WHERE segment = 'vip') FROM silver.customers"))
                .containsExactly("40,1");
        assertThat(lastRun().path("warnings").toString()).contains("so none was removed");
        assertThat(hook.received())
                .singleElement()
                .satisfies(alert -> assertThat(alert)
                        .contains("\"kind\":\"deletes_refused\"")
                        .contains("\"severity\":\"P1\""));

        pipeline("{max_delete_percent: 50}", UPSERT);
        assertSucceeded(weir("run"));
        assertThat(tableRows()).isEqualTo(sourceRows());
    }

    @Test
    void aSoftDeleteKeepsTheRowWithItsDeletionTimeAndAKeyThatComesBackIsLiveAgain() throws IOException {
        pipeline("{mode: soft_delete}", UPSERT);
        assertSucceeded(weir("run"));
        SharedPostgres.sql("DELETE FROM crm_customers WHERE id IN (5, 6)");
        assertSucceeded(weir("run"));
        assertThat(query("SELECT id FROM silver.customers WHERE _deleted_at IS NOT NULL ORDER BY id"))
                .containsExactly("5", "6");
        assertThat(query("SELECT count(*) FROM silver.customers WHERE _deleted_at IS NULL"))
                .containsExactly("38");
        String deletedAt =
                query("SELECT _deleted_at FROM silver.customers WHERE id = 5").get(0);

        // marked once: a later reconciliation leaves the time of the first
        assertSucceeded(weir("run"));
        assertThat(query("SELECT _deleted_at FROM silver.customers WHERE id = 5"))
                .containsExactly(deletedAt);

        SharedPostgres.sql("INSERT INTO crm_customers VALUES (5, 'customer 5', 'retail', '2026-01-04 10:00')");
        assertSucceeded(weir("run"));
        assertThat(query("SELECT id FROM silver.customers WHERE _deleted_at IS NOT NULL"))
                .containsExactly("6");
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM silver.customers"))
                .containsExactly("40,40");
    }

    @Test
    void everyRunsCountsTheSuccessfulRunsSinceTheLastReconciliation() throws IOException {
        pipeline("{every_runs: 3}", UPSERT);
        assertSucceeded(weir("run")); // run 1: no reconciliation before it, one run counted
        SharedPostgres.sql("DELETE FROM crm_customers WHERE id = 9");
        assertSucceeded(weir("run")); // run 2
        assertThat(query("SELECT count(*) FROM silver.customers")).containsExactly("40");
        assertSucceeded(weir("run")); // run 3: two successful runs since, so due
        assertThat(query("SELECT count(*) FROM silver.customers")).containsExactly("39");
        SharedPostgres.sql("DELETE FROM crm_customers WHERE id = 10");
        assertSucceeded(weir("run"));
        assertSucceeded(weir("run"));
        assertThat(query("SELECT count(*) FROM silver.customers")).containsExactly("39");
        assertSucceeded(weir("run"));
        assertThat(query("SELECT count(*) FROM silver.customers")).containsExactly("38");
    }

    @Test
    void anScd2HistoryClosesTheCurrentVersionOfAKeyGoneFromTheSource() throws IOException {
        pipeline("{}", "strategy: scd2\nmerge_keys: [id]\ntrack_columns: [segment]\nsequence_by: updated_at");
        assertSucceeded(weir("run"));
        SharedPostgres.sql(
                "UPDATE crm_customers SET segment = 'vip', updated_at = '2026-01-05 10:00' WHERE id = 4",
                "DELETE FROM crm_customers WHERE id = 8");
        assertSucceeded(weir("run"));
        List<String> history = query("SELECT id, segment, is_current, valid_to = TIMESTAMP '9999-12-31' FROM"
                + " silver.customers WHERE id IN (4, 8) ORDER BY id, valid_from");
        assertThat(history).containsExactly("4,retail,false,false", "4,vip,true,true", "8,retail,false,false");
        assertThat(query("SELECT count(*) FROM silver.customers WHERE is_current"))
                .containsExactly("39");
        assertThat(query("SELECT count(*) FROM silver.customers")).containsExactly("41");
        List<String> before = query("SELECT * FROM silver.customers ORDER BY id, valid_from");

        assertSucceeded(weir("run"));
        assertThat(query("SELECT * FROM silver.customers ORDER BY id, valid_from"))
                .isEqualTo(before);
    }

    @Test
    void aDeleteReachesTheLayersDownstreamThatReconcileTheirWeirSourcesToo() throws IOException {
        pipeline("{}", UPSERT);
        write("pipelines/gold_customers.yaml", """
                pipeline:
                  name: gold_customers
                extract:
                  source_system: weir
                  connection: silver.customers
                  strategy: incremental
                  incremental_key: updated_at
                  reconcile_deletes: {max_delete_percent: 50}
                transform:
                  stages:
                    - name: named
                      sql: SELECT id, upper(name) AS name, segment, updated_at FROM source
                load:
                  target: gold.customers
                  strategy: scd2
                  merge_keys: [id]
                  track_columns: [segment]
                """);
        assertSucceeded(weir("run"));
        SharedPostgres.sql("DELETE FROM crm_customers WHERE id = 11");

        assertSucceeded(weir("run"));

        assertThat(query("SELECT count(*) FROM silver.customers WHERE id = 11")).containsExactly("0");
        assertThat(query("SELECT is_current, valid_to < TIMESTAMPTZ '9999-12-31' FROM gold.customers WHERE id = 11"))
                .containsExactly("false,true");
        assertThat(query("SELECT count(*) FROM gold.customers WHERE is_current"))
                .containsExactly("39");
    }

    @Test
    void aRowDeletedFromASqliteTableIsDeletedToo() throws Exception {
        String url = "jdbc:sqlite:" + project.resolve("crm.db");
        try (var c = java.sql.DriverManager.getConnection(url);
                var s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO customers VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
        write("weir.yaml", "name: crm\nconnections:\n  lite: {url: \"" + url + "\"}\n");
        write("pipelines/silver_customers.yaml", """
                pipeline: {name: silver_customers}
                extract:
                  source_system: jdbc
                  connection: lite
                  table: customers
                  strategy: full
                  reconcile_deletes: {max_delete_percent: 50}
                load: {target: silver.customers, strategy: upsert, merge_keys: [id]}
                """);
        assertSucceeded(weir("run"));
        try (var c = java.sql.DriverManager.getConnection(url);
                var s = c.createStatement()) {
            s.execute("DELETE FROM customers WHERE id = 2");
        }

        assertSucceeded(weir("run"));

        assertThat(query("SELECT id FROM silver.customers ORDER BY id")).containsExactly("1", "3");
    }

    @Test
    void reconciliationWithoutAKeyedLoadOrFromFilesIsASpecError() {
        pipeline("{}", "strategy: append");
        CliProject.Result append = weir("validate");
        assertThat(append.exitCode()).as(append.toString()).isNotZero();
        assertThat(append.out() + append.err())
                .contains("pipelines/silver_customers.yaml:10")
                .contains("reconcile_deletes needs a load by key, not strategy append");
        pipeline("{mode: soft_delete}", "strategy: scd2\nmerge_keys: [id]");
        assertThat(weir("validate").err()).contains("mode soft_delete does not apply to scd2");
        write("pipelines/silver_customers.yaml", """
                pipeline:
                  name: silver_customers
                extract:
                  source_system: files
                  connection: data/*.csv
                  format: csv
                  strategy: full
                  reconcile_deletes: {}
                load:
                  target: silver.customers
                  strategy: upsert
                  merge_keys: [id]
                """);
        CliProject.Result files = weir("validate");
        assertThat(files.out() + files.err())
                .contains("source_system files cannot list the keys it holds")
                .doesNotContain("Exception");
    }

    /** A webhook that keeps the bodies it receives. */
    private record Hook(com.sun.net.httpserver.HttpServer server, List<String> bodies) implements AutoCloseable {
        static Hook start() throws IOException {
            List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                bodies.add(
                        new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return new Hook(server, bodies);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<String> received() {
            return List.copyOf(bodies);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private void assertSucceeded(CliProject.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out() + result.err()).doesNotContain(PASSWORD).doesNotContain("Exception");
    }

    private List<String> sourceRows() {
        List<String> rows = new ArrayList<>();
        try (var c = SharedPostgres.get().getPostgresDatabase().getConnection();
                var s = c.createStatement();
                var r = s.executeQuery("SELECT id, name, segment FROM crm_customers ORDER BY id")) {
            while (r.next()) {
                rows.add(r.getInt(1) + "," + r.getString(2) + "," + r.getString(3));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private List<String> tableRows() {
        return query("SELECT id, name, segment FROM silver.customers ORDER BY id");
    }

    private JsonNode lastRun() throws IOException {
        List<String> lines = Files.readAllLines(project.resolve(".weir/logs/runs.jsonl"));
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    private List<String> query(String sql) {
        CliProject.Result result = weir("query", sql, "--format", "csv");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().lines().skip(1).map(line -> line.replace("\"", "")).toList();
    }
}
