package dev.weir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Changes of a PostgreSQL table followed into Iceberg by {@code weir run --follow}: a writer makes
 * transactions of 100 changes (70 inserts, 20 updates, 10 deletes) at a fixed rate for a window,
 * each noting its WAL position before it commits and the time its commit returned. Each
 * transaction is delivered by the first Iceberg commit whose LSN (in {@code weir.position}) reaches
 * that position: with one writer, no other transaction commits in between.
 */
final class CdcStream {
    static final String TABLE = "public.changes";
    private static final int SEED_ROWS = 100_000;
    private static final int INSERTS = 70;
    private static final int UPDATES = 20;
    private static final int DELETES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSITION_KIND = "postgres-cdc:";

    private final Path work;
    private final Contenders contenders;
    private final List<Ratio> ratios;

    CdcStream(Path work, Contenders contenders, List<Ratio> ratios) {
        this.work = work;
        this.contenders = contenders;
        this.ratios = ratios;
    }

    void run(PostgresOrders postgres, double rate, Duration window, Duration interval) {
        String label =
                String.format(java.util.Locale.ROOT, "cdc stream from PostgreSQL, %,.0f changes/s offered", rate);
        String url = postgres.url() + "?reWriteBatchedInserts=true";
        List<Long> live = seed(url);
        Path project = WeirProjects.cdcStream(work.resolve("cdc-stream/weir"));
        Map<String, String> env = Map.of(
                "BENCH_PG_PORT", Integer.toString(postgres.port()),
                "BENCH_PG_USER", PostgresOrders.USER,
                "BENCH_PG_PASSWORD", PostgresOrders.PASSWORD);
        List<String> command = contenders.weir(
                project, "run", "--follow", "--interval", interval.toSeconds() + "s", WeirProjects.CDC_PIPELINE);
        List<long[]> transactions;
        long peakRss;
        long writtenFrom;
        long writtenUntil;
        try (FollowedProcess weir = FollowedProcess.start(command, env, work.resolve("logs/cdc-stream.log"))) {
            weir.await(() -> !snapshots(project).isEmpty(), Duration.ofMinutes(5), "the initial snapshot");
            Pacer pacer = new Pacer(rate, window);
            writtenFrom = System.currentTimeMillis();
            transactions = write(url, live, pacer);
            writtenUntil = System.currentTimeMillis();
            long last = transactions.get(transactions.size() - 1)[0];
            weir.await(
                    () -> snapshots(project).stream().anyMatch(s -> lsn(s) >= last),
                    window.multipliedBy(5).plusMinutes(2),
                    "the last change");
            peakRss = weir.peakRssBytes();
        }
        List<CommittedSnapshots.Snapshot> committed = snapshots(project);
        List<StreamFigures.Delivery> deliveries = new ArrayList<>();
        int next = 0;
        for (long[] tx : transactions) {
            while (lsn(committed.get(next)) < tx[0]) {
                next++;
            }
            deliveries.add(new StreamFigures.Delivery(tx[1], committed.get(next).committedAtMillis(), (int) tx[2]));
        }
        StreamFigures.report(label, deliveries, writtenFrom, writtenUntil, interval, peakRss, ratios);
        ratios.add(Ratio.atMost(
                label + ": rows in Weir's table / rows in PostgreSQL, off by",
                Math.abs(committed.get(committed.size() - 1).liveRecords() / (double) count(url) - 1),
                0));
    }

    private static List<CommittedSnapshots.Snapshot> snapshots(Path project) {
        return CommittedSnapshots.of(project, "bench", "changes");
    }

    /** The LSN the snapshot's position has applied up to, as the CDC source confirms it; 0 without one. */
    private static long lsn(CommittedSnapshots.Snapshot snapshot) {
        if (snapshot.position().isEmpty() || !snapshot.position().get().startsWith(POSITION_KIND)) {
            return 0;
        }
        try {
            JsonNode offset = JSON.readTree(snapshot.position().get().substring(POSITION_KIND.length()))
                    .path("offset");
            for (String key : List.of("lsn_commit", "lsn_proc", "lsn")) {
                if (offset.path(key).isNumber()) {
                    return offset.path(key).asLong();
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh {@link #TABLE} of {@link #SEED_ROWS} rows; returns their keys. */
    private static List<Long> seed(String url) {
        try (Connection c = DriverManager.getConnection(url, PostgresOrders.USER, PostgresOrders.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, amount numeric(10,2) NOT NULL,"
                    + " status text NOT NULL, updated_at timestamp NOT NULL)");
            s.execute("INSERT INTO " + TABLE + " SELECT i, (i % 10000) / 100.0, 'placed', now()::timestamp"
                    + " FROM generate_series(1, " + SEED_ROWS + ") i");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create " + TABLE + ": " + e.getMessage(), e);
        }
        List<Long> keys = new ArrayList<>(SEED_ROWS);
        for (long i = 1; i <= SEED_ROWS; i++) {
            keys.add(i);
        }
        return keys;
    }

    /**
     * Writes transactions until the pacer's window ends; each is {WAL position before its commit,
     * epoch millis when its commit returned, its changes}.
     */
    private static List<long[]> write(String url, List<Long> live, Pacer pacer) {
        Random random = new Random(42);
        long nextKey = SEED_ROWS + 1;
        List<long[]> transactions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, PostgresOrders.USER, PostgresOrders.PASSWORD);
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                        + " (id, amount, status, updated_at) VALUES (?, ?, 'placed', now()::timestamp)");
                PreparedStatement update = c.prepareStatement("UPDATE " + TABLE
                        + " SET amount = amount + 1, status = 'paid', updated_at = now()::timestamp WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?");
                Statement walPosition = c.createStatement()) {
            c.setAutoCommit(false);
            long done = 0;
            while (pacer.awaitTurn(done)) {
                for (int i = 0; i < INSERTS; i++) {
                    insert.setLong(1, nextKey);
                    insert.setBigDecimal(2, java.math.BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                    insert.addBatch();
                    live.add(nextKey++);
                }
                insert.executeBatch();
                for (int i = 0; i < UPDATES; i++) {
                    update.setLong(1, live.get(random.nextInt(live.size())));
                    update.addBatch();
                }
                update.executeBatch();
                for (int i = 0; i < DELETES; i++) {
                    int at = random.nextInt(live.size());
                    delete.setLong(1, live.get(at));
                    delete.addBatch();
                    live.set(at, live.get(live.size() - 1));
                    live.remove(live.size() - 1);
                }
                delete.executeBatch();
                long lsn;
                try (ResultSet r = walPosition.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                    r.next();
                    lsn = parseLsn(r.getString(1));
                }
                c.commit();
                int changes = INSERTS + UPDATES + DELETES;
                transactions.add(new long[] {lsn, System.currentTimeMillis(), changes});
                done += changes;
            }
            return transactions;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write to " + TABLE + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String url) {
        try (Connection c = DriverManager.getConnection(url, PostgresOrders.USER, PostgresOrders.PASSWORD);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 16/B374D848} as a number: the high 32 bits, then the low. */
    private static long parseLsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }
}
