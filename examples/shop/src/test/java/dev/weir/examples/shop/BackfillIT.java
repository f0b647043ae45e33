package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir backfill} through the command line on a year of orders: silver's SQL is fixed after
 * the fact and its last two weeks are backfilled in day chunks (a chunk costs a run, about a second here, so
 * the year's figure is measured by hand: docs/backfills.md), killed with SIGKILL midway and run
 * again, while the scheduler keeps loading another pipeline.
 */
class BackfillIT {
    private static final int DAYS = 365;
    private static final int CHUNKS = 10;
    private static final int KILL_AFTER = 4;
    private static final Pattern RESUMED = Pattern.compile("resuming backfill (\\S+): (\\d+) of 10 chunks");
    private static final Pattern ENDED = Pattern.compile("backfill (\\S+) done: 10 of 10 chunks done, in ([0-9.]+) s");

    @TempDir
    Path project;

    @Test
    void aYearKilledMidwayResumesToTheTableOfAnUninterruptedBackfill() throws Exception {
        writeProject("* 2");
        assertThat(Weir.run(project, "run"))
                .satisfies(r -> assertThat(r.exitCode()).as(r.toString()).isZero());
        writeSilver("* 3");

        Weir.Result dry = Weir.run(
                project, "backfill", "silver_orders", "--start", "2025-01-01", "--end", "2025-12-31", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out())
                .contains(
                        "Backfill of silver_orders: 2025-01-01 to 2025-12-31 in 365 day chunks, most recent first (days of UTC)")
                .contains("scope: table silver.orders (upsert on order_id)")
                .contains("gold_daily -> gold.daily: reads silver.orders whole: run `weir run silver_orders+`")
                .contains("! silver_recent -> silver.recent: reads silver.orders incrementally on updated_at")
                .contains("dry run: nothing was done");

        // started from a directory of its own, so that its output does not share the backfill's files
        Path elsewhere = Files.createDirectories(project.resolveSibling(project.getFileName() + "-scheduler"));
        Process scheduler =
                Weir.start(elsewhere, Map.of(), "--project", project.toString(), "scheduler", "--poll", "0.2");
        String backfillId;
        try {
            Process first = Weir.start(
                    project,
                    Map.of(),
                    "backfill",
                    "silver_orders",
                    "--start",
                    "2025-12-22",
                    "--end",
                    "2025-12-31",
                    "--reason",
                    "amounts were doubled, not tripled");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (chunksReported(Weir.outSoFar(project)) < KILL_AFTER && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int doneBeforeKill = chunksReported(Weir.outSoFar(project));
            assertThat(doneBeforeKill).isBetween(KILL_AFTER, CHUNKS - 1);

            long started = System.nanoTime();
            Weir.Result resumed = Weir.run(
                    project,
                    "backfill",
                    "silver_orders",
                    "--start",
                    "2025-12-22",
                    "--end",
                    "2025-12-31",
                    "--reason",
                    "amounts were doubled, not tripled");
            double wall = (System.nanoTime() - started) / 1e9;
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            Matcher skipped = RESUMED.matcher(resumed.out());
            assertThat(skipped.find()).as(resumed.out()).isTrue();
            int skippedChunks = Integer.parseInt(skipped.group(2));
            assertThat(skippedChunks).isBetween(doneBeforeKill, doneBeforeKill + 1);
            Matcher ended = ENDED.matcher(resumed.out());
            assertThat(ended.find()).as(resumed.out()).isTrue();
            int redone = chunksReported(resumed.out());
            System.out.printf(
                    "backfill of %d day chunks: killed after %d, resumed with %d skipped and %d run in %s s (wall %.1f s,"
                            + " %.0f ms per chunk)%n",
                    CHUNKS, doneBeforeKill, skippedChunks, redone, ended.group(2), wall, wall * 1000 / redone);
            assertThat(skippedChunks + redone).isEqualTo(CHUNKS);
            assertThat(resumed.out()).contains("catch up: gold_daily:");
            backfillId = ended.group(1);
        } finally {
            scheduler.destroy();
            assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        String digest;
        try (Lakehouse lakehouse = new Lakehouse(project)) {
            assertThat(lakehouse.count("silver.orders")).isEqualTo(2L * DAYS);
            assertThat(lakehouse.rows(
                            "SELECT CAST(s.updated_at AS DATE) >= DATE '2025-12-22', count(*) FROM silver.orders s"
                                    + " JOIN bronze.orders b ON s.order_id = CAST(b.order_id AS BIGINT)"
                                    + " WHERE s.amount = CAST(b.amount AS INTEGER) * 3 GROUP BY 1"))
                    .as("every order of the last 10 days, and only those, backfilled with the fixed SQL")
                    .containsExactly(List.of("true", Long.toString(2L * CHUNKS)));
            assertThat(lakehouse.value("SELECT count(*) FROM bronze.ticks"))
                    .as("the scheduler kept loading another pipeline during the backfill")
                    .isNotEqualTo("0");
            digest = lakehouse.digest("silver.orders");
        }
        Weir.Result show = Weir.run(project, "backfill", "show", backfillId);
        assertThat(show.out())
                .contains("done (10 of 10 chunks done)")
                .contains("reason: amounts were doubled, not tripled");
        assertThat(Weir.run(project, "status").out()).contains("backfill_queue");

        Weir.Result again = Weir.run(
                project,
                "backfill",
                "silver_orders",
                "--start",
                "2025-12-22",
                "--end",
                "2025-12-31",
                "--chunk",
                "week");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        try (Lakehouse lakehouse = new Lakehouse(project)) {
            assertThat(lakehouse.digest("silver.orders"))
                    .as("a chunk loaded again")
                    .isEqualTo(digest);
        }
        Weir.Result history = Weir.run(project, "query", "SELECT max(updated_at) FROM silver.orders");
        assertThat(history.exitCode()).isZero();
    }

    @Test
    void chunksThatWouldNotBeIdempotentAreRefused() throws Exception {
        writeProject("* 2");
        Weir.Result append =
                Weir.run(project, "backfill", "bronze_ticks", "--start", "2025-01-01", "--end", "2025-01-02");
        assertThat(append.exitCode()).isEqualTo(2);
        assertThat(append.err())
                .contains("Cannot backfill pipeline 'bronze_ticks': it has no incremental key to cut into days");
        Weir.Result reload =
                Weir.run(project, "backfill", "silver_snapshot", "--start", "2025-01-01", "--end", "2025-01-02");
        assertThat(reload.exitCode()).isEqualTo(2);
        assertThat(reload.err())
                .contains(
                        "Cannot backfill pipeline 'silver_snapshot': load.strategy truncate-reload would replace the whole"
                                + " table with one chunk")
                .contains("hint:");
        Weir.Result appended =
                Weir.run(project, "backfill", "silver_recent", "--start", "2025-01-01", "--end", "2025-01-02");
        assertThat(appended.err())
                .contains("Cannot backfill pipeline 'silver_recent': load.strategy append would add the chunk's rows"
                        + " again");
        Weir.Result backwards =
                Weir.run(project, "backfill", "silver_orders", "--start", "2025-02-01", "--end", "2025-01-02");
        assertThat(backwards.err()).contains("--end 2025-01-02 is before --start 2025-02-01");
    }

    private static int chunksReported(String out) {
        return (int) out.lines()
                .filter(l -> l.startsWith("chunk ") && l.contains(": done,"))
                .count();
    }

    private void writeProject(String amount) throws IOException {
        write("weir.yaml", "name: backfilled\n");
        StringBuilder orders = new StringBuilder("order_id,updated_at,amount\n");
        LocalDate day = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < DAYS; i++, day = day.plusDays(1)) {
            orders.append(2 * i + 1)
                    .append(',')
                    .append(day)
                    .append(" 08:00:00,")
                    .append(i % 50 + 1)
                    .append('\n');
            orders.append(2 * i + 2)
                    .append(',')
                    .append(day)
                    .append(" 23:59:59,")
                    .append(i % 7 + 10)
                    .append('\n');
        }
        write("data/orders.csv", orders.toString());
        write("data/ticks.csv", "tick\n1\n");
        write("pipelines/bronze_orders.yaml", """
                pipeline: {name: bronze_orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: truncate-reload}
                """);
        write("pipelines/bronze_ticks.yaml", """
                pipeline: {name: bronze_ticks, schedule: "*/1 * * * * *", catch_up: none}
                extract: {source_system: files, connection: data/ticks.csv, format: csv, strategy: full}
                load: {target: bronze.ticks, strategy: append}
                """);
        writeSilver(amount);
        write("pipelines/silver_recent.yaml", """
                pipeline: {name: silver_recent}
                extract: {source_system: weir, connection: silver.orders, strategy: incremental, incremental_key: updated_at}
                load: {target: silver.recent, strategy: append}
                """);
        write("pipelines/silver_snapshot.yaml", """
                pipeline: {name: silver_snapshot}
                extract: {source_system: weir, connection: silver.orders, strategy: incremental, incremental_key: updated_at}
                load: {target: silver.snapshot, strategy: truncate-reload}
                """);
        write("pipelines/gold_daily.yaml", """
                pipeline: {name: gold_daily}
                extract: {source_system: weir, connection: silver.orders, strategy: full}
                transform:
                  stages:
                    - name: aggregate
                      sql: SELECT CAST(updated_at AS DATE) AS day, sum(amount) AS revenue FROM silver.orders GROUP BY 1
                load: {target: gold.daily, strategy: truncate-reload}
                """);
    }

    private void writeSilver(String amount) throws IOException {
        write("pipelines/silver_orders.yaml", """
                pipeline: {name: silver_orders}
                extract:
                  source_system: weir
                  connection: bronze.orders
                  strategy: incremental
                  incremental_key: updated_at
                  key_type: timestamp
                transform:
                  stages:
                    - name: clean
                      sql: >-
                        SELECT CAST(order_id AS BIGINT) AS order_id, CAST(updated_at AS TIMESTAMP) AS updated_at,
                        CAST(amount AS INTEGER) %s AS amount FROM source
                load: {target: silver.orders, strategy: upsert, merge_keys: [order_id]}
                """.formatted(amount));
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
