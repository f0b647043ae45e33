package dev.weir.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertLedger;
import dev.weir.core.spi.ScheduleStore;
import dev.weir.core.spi.Tick;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SQLite metastore gets from its single writer lock, checked on PostgreSQL with two
 * metastores (two processes' worth of connections) racing on one database.
 */
class PostgresRacesIT {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final int ROUNDS = 40;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private String url;
    private SqlMetastore a;
    private SqlMetastore b;

    @BeforeEach
    void open() {
        url = SharedPostgres.newMigratedDatabase();
        a = SqlMetastore.open(url, Optional.of(SharedPostgres.LOGIN));
        b = SqlMetastore.open(url, Optional.of(SharedPostgres.LOGIN));
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        a.close();
        b.close();
    }

    @Test
    void twoSchedulersRacingForAnExpiredLeaseNeverBothTakeIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Instant now = T0.plus(TTL.multipliedBy(2L * round));
            List<Boolean> taken = race(
                    () -> a.schedules().holdLease("a", now, TTL),
                    () -> b.schedules().holdLease("b", now, TTL));

            assertThat(taken).as("round %d", round).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void aTickMovedWhileAnotherSchedulerTakesTheLeaseOverIsRefused() throws Exception {
        ScheduleStore store = a.schedules();
        Tick tick = Tick.due("orders", T0, Tick.Trigger.CRON);
        assertThat(store.holdLease("a", T0, TTL)).isTrue();
        assertThat(store.plan("orders", List.of(tick), new ScheduleStore.ScheduleCursor(T0, ""), "a", T0))
                .isTrue();

        try (Connection takeover = connect()) {
            takeover.setAutoCommit(false);
            try (Statement s = takeover.createStatement()) {
                s.executeUpdate("UPDATE weir_scheduler_lease SET holder = 'b'");
            }
            Future<Boolean> moved = threads.submit(
                    () -> store.transition(Tick.TickState.PENDING, tick.started("r-1"), "a", T0.plusSeconds(1)));
            Thread.sleep(300); // the move now waits for the takeover's lock on the lease row
            assertThat(moved.isDone()).isFalse();
            takeover.commit();

            assertThat(moved.get(10, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(store.openTicks()).extracting(Tick::state).containsExactly(Tick.TickState.PENDING);
    }

    @Test
    void twoProcessesDecidingOnOneNewAlertSendItOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "orders/run_failed/" + round;
            List<Boolean> sent = race(
                    () -> a.alertLedger()
                            .admit(key, "orders", T0, Duration.ofHours(1))
                            .send(),
                    () -> b.alertLedger()
                            .admit(key, "orders", T0, Duration.ofHours(1))
                            .send());

            assertThat(sent).as("round %d", round).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void twoProcessesTakingOneDigestSendEachQueuedAlertOnce() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            a.alertLedger().queueForDigest(List.of("log"), alert("run " + round));
            Instant due = T0.plus(Duration.ofDays(round + 1));
            List<List<AlertLedger.Queued>> taken = race(
                    () -> a.alertLedger().takeDigest(due), () -> b.alertLedger().takeDigest(due));

            assertThat(taken).as("round %d", round).extracting(List::size).containsExactlyInAnyOrder(1, 0);
        }
    }

    @Test
    void threeProcessesMigratingOneNewDatabaseAllOpenIt() throws Exception {
        String fresh = SharedPostgres.newDatabase();
        ExecutorService three = Executors.newFixedThreadPool(3);
        try {
            CyclicBarrier start = new CyclicBarrier(3);
            List<Future<SqlMetastore>> opened = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                opened.add(three.submit(() -> {
                    start.await();
                    return SqlMetastore.open(fresh, Optional.of(SharedPostgres.LOGIN));
                }));
            }
            for (Future<SqlMetastore> metastore : opened) {
                assertThat(metastore.get(60, TimeUnit.SECONDS).recentRuns(Optional.empty(), 1))
                        .isEmpty();
            }
        } finally {
            three.shutdownNow();
        }
    }

    @Test
    void aWrongPasswordIsAOneLineErrorThatNamesTheDatabaseAndNotThePassword() {
        DatabaseLogin wrong = new DatabaseLogin(SharedPostgres.LOGIN.user(), "not-" + SharedPostgres.LOGIN.password());

        assertThatThrownBy(() -> SqlMetastore.open(url, Optional.of(wrong)))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.METASTORE_UNAVAILABLE);
                    assertThat(e.render()).doesNotContain(wrong.password()).doesNotContain("\tat ");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("metastore_password"));
                })
                .hasMessageStartingWith("Cannot connect to metastore " + url + " as weir_team: ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aServerThatIsDownIsAOneLineErrorThatNamesItsHostAndPort() {
        String down = "jdbc:postgresql://localhost:1/weir";

        assertThatThrownBy(() -> SqlMetastore.open(down, Optional.of(SharedPostgres.LOGIN)))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.METASTORE_UNAVAILABLE);
                    assertThat(e.render()).doesNotContain(SharedPostgres.LOGIN.password());
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("server is running"));
                })
                .hasMessageStartingWith("Cannot connect to metastore " + down + " as weir_team: ")
                .hasMessageContaining("localhost:1")
                .hasMessageNotContaining("\n");
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url, SharedPostgres.LOGIN.user(), SharedPostgres.LOGIN.password());
    }

    private <T> List<T> race(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<T> one = threads.submit(() -> {
            start.await();
            return first.call();
        });
        Future<T> two = threads.submit(() -> {
            start.await();
            return second.call();
        });
        return List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));
    }

    private static Alert alert(String title) {
        return new Alert(
                Alert.Kind.RUN_FAILED,
                Severity.P2,
                "orders",
                "r-1",
                "silver.orders",
                title,
                List.of(),
                Optional.empty(),
                T0);
    }
}
