package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline from a real PostgreSQL into an Iceberg table through the command line (issue 13): an
 * incremental read on a microsecond timestamp with a lookback, merged on the key, so rows read
 * twice at the boundary are loaded once, and a rerun with nothing new changes nothing.
 */
class JdbcPipelineIT {
    private static final String PASSWORD = "pl4nted-Pg-S3cret";
    private static EmbeddedPostgres postgres;

    @TempDir
    Path project;

    private CliProject cli;

    private CliProject cli() {
        if (cli == null) {
            cli = new CliProject(project, Map.of("SHOP_DB_PASSWORD", PASSWORD));
        }
        return cli;
    }

    private CliProject.Result weir(String... args) {
        return cli().weir(args);
    }

    private void write(String relativePath, String content) {
        cli().write(relativePath, content);
    }

    private String url;

    @BeforeAll
    static void start() {
        postgres = SharedPostgres.get();
    }

    @BeforeEach
    void projectAndTable() {
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        sql(
                "DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (id int PRIMARY KEY, updated_at timestamp, amount numeric(10,2), note text)");
        write("weir.yaml", connections("url: " + url));
        write("pipelines/bronze_orders.yaml", """
                pipeline:
                  name: bronze_orders
                extract:
                  source_system: jdbc
                  connection: shop
                  table: orders
                  strategy: incremental
                  incremental_key: updated_at
                  lookback: 5m
                  fetch_size: 100
                load:
                  target: bronze.orders
                  strategy: upsert
                  merge_keys: [id]
                """);
    }

    /** A weir.yaml whose connection shop has {@code url}, the user postgres and the planted password. */
    private static String connections(String url) {
        return "name: jdbc_shop\nconnections:\n  shop:\n    " + url
                + "\n    user: postgres\n    password: ${env:SHOP_DB_PASSWORD}\n";
    }

    private void sql(String... statements) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> query(String sql) {
        CliProject.Result result = weir("query", sql, "--format", "csv");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().lines().skip(1).map(line -> line.replace("\"", "")).toList();
    }

    private JsonNode lastRun() throws IOException {
        List<String> lines = Files.readAllLines(project.resolve(".weir/logs/runs.jsonl"));
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    /** Every file Weir wrote under the project's state directory, as text where it is text. */
    private String stateFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(project.resolve(".weir"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void anIncrementalPipelineLoadsEachRowOnceAndARerunChangesNothing() throws IOException {
        sql("INSERT INTO orders VALUES (1, '2026-01-01 10:00:00.000001', 10.50, 'a'),"
                + " (2, '2026-01-01 12:00:00.123456', 20.25, 'b'), (3, '2026-01-01 12:00:00.123456', 30.00, 'c')");

        CliProject.Result first = weir("run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(lastRun().path("watermark_after").asText()).isEqualTo("updated_at 2026-01-01T12:00:00.123456");
        assertThat(query("SELECT id, updated_at, amount, note FROM bronze.orders ORDER BY id"))
                .containsExactly(
                        "1,2026-01-01 10:00:00.000001,10.50,a",
                        "2,2026-01-01 12:00:00.123456,20.25,b",
                        "3,2026-01-01 12:00:00.123456,30.00,c");

        // a row sharing the last cursor value, and a late update inside the 5-minute lookback
        sql(
                "INSERT INTO orders VALUES (4, '2026-01-01 12:00:00.123456', 40.00, 'd')",
                "UPDATE orders SET updated_at = '2026-01-01 11:58:00', note = 'late' WHERE id = 1");
        CliProject.Result second = weir("run");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(query("SELECT id, updated_at, note FROM bronze.orders ORDER BY id"))
                .containsExactly(
                        "1,2026-01-01 11:58:00,late",
                        "2,2026-01-01 12:00:00.123456,b",
                        "3,2026-01-01 12:00:00.123456,c",
                        "4,2026-01-01 12:00:00.123456,d");
        assertThat(lastRun().path("watermark_after").asText()).isEqualTo("updated_at 2026-01-01T12:00:00.123456");

        CliProject.Result third = weir("run");

        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(query("SELECT count(*), count(DISTINCT id), sum(amount) FROM bronze.orders"))
                .containsExactly("4,4,100.75");
        assertThat(lastRun().path("watermark_after").asText()).isEqualTo("updated_at 2026-01-01T12:00:00.123456");
        // the position is committed with the data, at full precision, in the snapshot summary
        assertThat(stateFiles())
                .contains("cursor:{\\\"column\\\":\\\"updated_at\\\",\\\"type\\\":\\\"timestamp\\\","
                        + "\\\"value\\\":\\\"2026-01-01T12:00:00.123456\\\"");
        for (CliProject.Result r : List.of(first, second, third)) {
            assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
        }
        assertThat(stateFiles()).doesNotContain(PASSWORD);
    }

    @Test
    void aRowWithANullCursorIsQuarantinedOnceUnderDeadLetterAndFailsTheRunUnderFailFast() throws IOException {
        sql("INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1, 'a'), (2, NULL, 2, 'no cursor')");

        CliProject.Result failFast = weir("run");

        assertThat(failFast.exitCode()).as(failFast.toString()).isEqualTo(1);
        assertThat(failFast.out() + failFast.err()).contains("null_key");

        write(
                "pipelines/bronze_orders.yaml",
                Files.readString(project.resolve("pipelines/bronze_orders.yaml"))
                        + "error_handling:\n  strategy: dead-letter\n");
        CliProject.Result first = weir("run");
        sql("INSERT INTO orders VALUES (3, '2026-01-01 11:00', 3, 'c')");
        CliProject.Result second = weir("run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(query("SELECT id FROM bronze.orders ORDER BY id")).containsExactly("1", "3");
        assertThat(query("SELECT reason, origin FROM bronze.orders__rejected"))
                .containsExactly("null_key: updated_at (the cursor) is NULL, and extract.null_cursor is reject,"
                        + "shop:orders id=2");
    }

    @Test
    void aBackfilledDayIsReadAgainWithoutMovingTheCursor() throws IOException {
        sql("INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1, 'a'), (2, '2026-01-02 10:00', 2, 'b'),"
                + " (3, '2026-01-02 23:00', 3, 'c'), (4, '2026-01-03 10:00', 4, 'd')");
        assertThat(weir("run").exitCode()).isZero();
        // fixed in the source without touching the cursor: an incremental run cannot see it
        sql("UPDATE orders SET amount = amount * 10 WHERE updated_at::date = '2026-01-02'");

        CliProject.Result backfill = weir("backfill", "bronze_orders", "--start", "2026-01-02", "--end", "2026-01-02");

        assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
        assertThat(backfill.out()).contains("chunk 2026-01-02: done, 2 rows read, 2 loaded");
        assertThat(query("SELECT id, amount FROM bronze.orders ORDER BY id"))
                .containsExactly("1,1.00", "2,20.00", "3,30.00", "4,4.00");
        assertThat(lastRun().path("watermark_after").asText()).isEqualTo("updated_at 2026-01-03T10:00:00");
        sql("INSERT INTO orders VALUES (5, '2026-01-04 10:00', 5, 'e')");
        CliProject.Result next = weir("run");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(lastRun().path("rows_extracted").asLong())
                .as("the next read starts from the cursor the backfill left alone: its lookback and the new row")
                .isEqualTo(2);
    }

    @Test
    void validateNeedsNoSecretOfAConnection() {
        picocli.CommandLine cli = Main.commandLine(new Main.Environment(name -> null));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute("--project", project.toString(), "validate");
        assertThat(exit).as(out.toString()).isZero();
    }

    @Test
    void validateConnectFindsAColumnNoIcebergTypeHoldsBeforeAnyRun() {
        CliProject.Result reached = weir("validate", "--connect");
        assertThat(reached.exitCode()).as(reached.toString()).isZero();
        assertThat(reached.out()).contains("no problems found, every source reached");

        sql("ALTER TABLE orders ADD COLUMN took interval");
        CliProject.Result refused = weir("validate", "--connect");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err())
                .contains("pipelines/bronze_orders.yaml: extract: Cannot load column 'took' of type interval")
                .contains("cast it in extract.query")
                .doesNotContain("Exception")
                .doesNotContain(PASSWORD);
        CliProject.Result plain = weir("validate");
        assertThat(plain.exitCode())
                .as("validate without --connect does not connect")
                .isZero();
    }

    @Test
    void aFailedConnectionShowsNoSecretEvenWithDebug() throws IOException {
        write(
                "weir.yaml",
                connections("url: jdbc:postgresql://localhost:" + postgres.getPort() + "/${env:SHOP_DB_PASSWORD}"));

        CliProject.Result failed = weir("--debug", "run");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out() + failed.err())
                .contains("Cannot connect to 'shop' (weir.yaml)")
                .doesNotContain(PASSWORD);
        assertThat(stateFiles()).doesNotContain(PASSWORD);
    }
}
