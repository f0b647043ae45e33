package dev.weir.examples.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.connectors.cdc.LogicalPostgres;
import dev.weir.examples.shop.IcebergTables;
import dev.weir.examples.shop.Weir;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir run --follow} of the CDC pipeline killed with SIGKILL at random moments while a writer
 * makes 100,000 changes (inserts, updates, deletes, keys deleted and inserted again, transactions
 * larger than a batch), then left to catch up: the table equals the source table row by row, and
 * the batches its snapshots committed hold every change exactly once.
 */
class CdcKillIT {
    private static final int KILLS = Integer.getInteger("kills", 10);
    private static final long CHANGES = Long.getLong("changes", 100_000);
    private static final int FIRST_ROWS = 5_000;
    /** Every run's output, kept past the test's temporary directory to examine a failed run. */
    private static final Path RUNS_LOG = Path.of("target", "cdc-kill-runs.txt");

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheChangesAreNeitherLostNorAppliedTwice() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Files.deleteIfExists(RUNS_LOG);
        String url = LogicalPostgres.newDatabase();
        LogicalPostgres.execute(
                url,
                "CREATE TABLE customers (customer_id bigint PRIMARY KEY, name text NOT NULL, email text,"
                        + " balance numeric(10,2), born date, updated_at timestamptz)",
                "INSERT INTO customers SELECT i, 'customer ' || i, NULL, 0, NULL, now() FROM generate_series(1, "
                        + FIRST_ROWS + ") i");
        CdcProject project = new CdcProject(
                dir.resolve("cdc"), url, text -> text.replace("max_changes: 100000", "max_changes: 5000"));
        // the snapshot first: a change made before the slot exists is part of the snapshot, not a change of its own
        Weir.Result snapshot = project.run("run");
        assertThat(snapshot.exitCode()).as(snapshot.toString()).isZero();
        AtomicLong changes = new AtomicLong();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(url, new Random(seed + 1), changes));
        writer.setUncaughtExceptionHandler((thread, failure) -> writerFailure.set(failure));
        writer.start();

        int kills = 0;
        while (kills < KILLS || writer.isAlive()) {
            Process run = project.start("run", "--follow", "--interval", "1s");
            // a followed run starts in about 3 s and commits a batch every few seconds: kills land
            // before its first batch, mid-batch, during commits and between batches
            if (run.waitFor(2_000 + random.nextInt(12_000), TimeUnit.MILLISECONDS)) {
                Weir.Result ended = Weir.result(project.root(), run);
                throw new AssertionError("weir run --follow ended by itself: " + ended);
            }
            run.destroyForcibly(); // SIGKILL
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            keep(project, "killed run " + kills);
        }
        writer.join();
        assertThat(writerFailure.get()).as("the writer's failure").isNull();
        int catchUp = 0;
        Weir.Result last;
        do {
            last = project.run("run");
            assertThat(last.exitCode()).as(last.toString()).isZero();
            catchUp++;
            keep(project, "catch-up run " + catchUp);
            System.out.print(last.out());
        } while (!last.out().contains("extracted 0,") && catchUp < 40);

        Map<Long, String> source = source(url);
        Map<Long, String> table = new TreeMap<>();
        project.rows("bronze.customers")
                .forEach(r -> table.put(
                        Long.parseLong(r.get("customer_id")),
                        r.get("name") + "|" + new BigDecimal(r.get("balance")).toPlainString()));
        long lost = source.entrySet().stream()
                .filter(e -> !e.getValue().equals(table.get(e.getKey())))
                .count();
        long extra = table.keySet().stream().filter(k -> !source.containsKey(k)).count();
        long applied = appliedChanges(project);
        long batches = batches(project);
        long expected = FIRST_ROWS + changes.get();
        System.out.printf(
                "cdc kill test: %d kills, %d batches committed, %d catch-up runs, %,d changes after a snapshot of %,d rows, %d rows lost or"
                        + " stale, %d rows that the source deleted, %,d changes committed for %,d made (%d duplicated)"
                        + " (seed %d)%n",
                kills,
                batches,
                catchUp,
                changes.get(),
                FIRST_ROWS,
                lost,
                extra,
                applied,
                expected,
                applied - expected,
                seed);
        assertThat(changes.get()).isGreaterThanOrEqualTo(CHANGES);
        if (lost + extra > 0 || applied != expected) {
            System.out.print(snapshotChain(project));
            System.out.println("the runs' output is in " + RUNS_LOG.toAbsolutePath());
        }
        assertThat(table).isEqualTo(source);
        assertThat(applied).as("changes the table's snapshots committed").isEqualTo(expected);
    }

    /** Transactions of 1 to 20 statements, some of thousands of rows, until {@link #CHANGES} rows changed. */
    private static void write(String url, Random random, AtomicLong changes) {
        try (Connection connection = LogicalPostgres.connect(url)) {
            connection.setAutoCommit(false);
            long nextId = FIRST_ROWS + 1;
            try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO customers VALUES (?, ?, NULL, ?, NULL, now()) ON CONFLICT DO NOTHING");
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE customers SET balance = balance + 1, name = ? WHERE customer_id = ?");
                    PreparedStatement delete =
                            connection.prepareStatement("DELETE FROM customers WHERE customer_id = ?");
                    PreparedStatement wide = connection.prepareStatement(
                            "UPDATE customers SET balance = balance + 0.01 WHERE customer_id BETWEEN ? AND ?")) {
                while (changes.get() < CHANGES) {
                    long made = 0;
                    if (random.nextInt(40) == 0) {
                        long from = 1 + random.nextInt((int) nextId);
                        wide.setLong(1, from);
                        wide.setLong(2, from + 2_999);
                        made += wide.executeUpdate();
                    } else {
                        int statements = 1 + random.nextInt(20);
                        for (int i = 0; i < statements; i++) {
                            int what = random.nextInt(10);
                            long key = 1 + random.nextInt((int) nextId);
                            if (what < 3) {
                                // a new key, or one deleted earlier inserted again
                                long id = random.nextBoolean() ? nextId++ : key;
                                insert.setLong(1, id);
                                insert.setString(2, "new " + id);
                                insert.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(10_000), 2));
                                made += insert.executeUpdate();
                            } else if (what < 8) {
                                update.setString(1, "name " + random.nextInt(1_000_000));
                                update.setLong(2, key);
                                made += update.executeUpdate();
                            } else {
                                delete.setLong(1, key);
                                made += delete.executeUpdate();
                            }
                        }
                    }
                    connection.commit();
                    changes.addAndGet(made);
                    Thread.sleep(random.nextInt(60));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<Long, String> source(String url) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection connection = LogicalPostgres.connect(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT customer_id, name, balance FROM customers")) {
            while (result.next()) {
                rows.put(
                        result.getLong(1),
                        result.getString(2) + "|" + result.getBigDecimal(3).toPlainString());
            }
        }
        return rows;
    }

    private static void keep(CdcProject project, String run) throws IOException {
        Weir.Result output = Weir.lastOutput(project.root());
        Files.writeString(
                RUNS_LOG,
                "==== " + run + "\n" + output.out() + output.err(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Each snapshot's id, operation, change count and committed position, oldest first. */
    private static String snapshotChain(CdcProject project) {
        StringBuilder chain = new StringBuilder("snapshots of bronze.customers:\n");
        try (IcebergTables tables = new IcebergTables(project.root())) {
            for (Snapshot snapshot : tables.table("bronze.customers").snapshots()) {
                chain.append(String.format(
                        "  %d %s extracted %s position %s%n",
                        snapshot.snapshotId(),
                        snapshot.operation(),
                        snapshot.summary().get("weir.rows-extracted"),
                        snapshot.summary().get("weir.position")));
            }
        }
        return chain.toString();
    }

    private static long batches(CdcProject project) {
        try (IcebergTables tables = new IcebergTables(project.root())) {
            return java.util.stream.StreamSupport.stream(
                            tables.table("bronze.customers").snapshots().spliterator(), false)
                    .count();
        }
    }

    /** The changes every snapshot of the table committed, by the counts in their summaries. */
    private static long appliedChanges(CdcProject project) {
        try (IcebergTables tables = new IcebergTables(project.root())) {
            long applied = 0;
            for (Snapshot snapshot : tables.table("bronze.customers").snapshots()) {
                applied += Long.parseLong(snapshot.summary().getOrDefault("weir.rows-extracted", "0"));
            }
            return applied;
        }
    }
}
