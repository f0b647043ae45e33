package dev.weir.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.StageEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metastore contract on SQLite; {@link PostgresMetastoreIT} runs it on PostgreSQL. */
class SqlMetastoreIT {
    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    @TempDir
    Path dir;

    private String url;
    private SqlMetastore metastore;

    /** The URL of a new, empty metastore database. */
    String newDatabase() {
        return "jdbc:sqlite:" + dir.resolve("weir.db");
    }

    Optional<DatabaseLogin> login() {
        return Optional.empty();
    }

    @BeforeEach
    void open() {
        url = newDatabase();
        metastore = SqlMetastore.open(url, login());
    }

    /** For the tests that read or break the SQLite file itself. */
    private void assumeSqlite() {
        assumeTrue(url.startsWith("jdbc:sqlite:"), "checks SQLite's file");
    }

    @AfterEach
    void close() {
        metastore.close();
    }

    @Test
    void savedRunReadsBackWithEveryFieldPresent() {
        RunRecord run = new RunRecord(
                "orders",
                "r-1",
                T0,
                Optional.of(T0.plusMillis(61_007)),
                RunStatus.FAILED,
                "load",
                9_000_000_001L,
                8_000_000_002L,
                7_000_000_003L,
                2_000_000_004L,
                17,
                3,
                61.007,
                Optional.of("Cannot load: 'quoted' text\nsecond line ünïcode"),
                Optional.of("{\"updated_at\":\"2024-04-30\"}"),
                Optional.of("{\"updated_at\":\"2024-05-01\"}"),
                List.of("No file matches 'data/*.csv': nothing to load", "second warning ünïcode"));

        metastore.saveRun(run);

        assertThat(metastore.run("r-1")).contains(run);
    }

    @Test
    void savedRunReadsBackWithEveryOptionalEmpty() {
        RunRecord run = RunRecord.started("orders", "r-1", T0, Optional.empty());

        metastore.saveRun(run);

        assertThat(metastore.run("r-1")).contains(run);
    }

    @Test
    void emptyTextStaysPresentRatherThanBecomingAbsent() {
        RunRecord run = new RunRecord(
                "orders",
                "r-1",
                T0,
                Optional.of(T0),
                RunStatus.SUCCESS,
                "done",
                0,
                0,
                0,
                0,
                0,
                0,
                0.0,
                Optional.of(""),
                Optional.of(""),
                Optional.of(""));

        metastore.saveRun(run);

        assertThat(metastore.run("r-1")).contains(run);
    }

    @Test
    void savingARunAgainReplacesItsRecord() {
        metastore.saveRun(RunRecord.started("orders", "r-1", T0, Optional.of("{\"v\":1}")));
        RunRecord finished = new RunRecord(
                "orders",
                "r-1",
                T0,
                Optional.of(T0.plusSeconds(5)),
                RunStatus.SUCCESS,
                "done",
                10,
                10,
                8,
                2,
                4,
                0,
                5.0,
                Optional.empty(),
                Optional.of("{\"v\":1}"),
                Optional.of("{\"v\":2}"));

        metastore.saveRun(finished);

        assertThat(metastore.run("r-1")).contains(finished);
        assertThat(metastore.recentRuns(Optional.empty(), 10)).containsExactly(finished);
    }

    @Test
    void unknownRunIsEmpty() {
        assertThat(metastore.run("nope")).isEmpty();
    }

    @Test
    void timestampsKeepMillisecondsAndDropFinerParts() {
        Instant micros = Instant.parse("2024-05-01T10:15:30.123456789Z");
        metastore.saveRun(RunRecord.started("orders", "r-1", micros, Optional.empty()));

        assertThat(metastore.run("r-1")).map(RunRecord::startedAt).contains(Instant.parse("2024-05-01T10:15:30.123Z"));
    }

    @Test
    void recentRunsAreLatestStartFirstWithRunIdBreakingTies() {
        metastore.saveRun(started("orders", "a", T0));
        metastore.saveRun(started("orders", "c", T0.plusMillis(1)));
        metastore.saveRun(started("orders", "b", T0.plusMillis(1)));
        // A whole second: ordered before a's .123 of the same second only if fraction digits have a fixed width.
        metastore.saveRun(started("orders", "d", T0.minusMillis(123)));
        metastore.saveRun(started("orders", "e", T0.minus(Duration.ofDays(400))));

        assertThat(metastore.recentRuns(Optional.empty(), 10))
                .extracting(RunRecord::runId)
                .containsExactly("c", "b", "a", "d", "e");
    }

    @Test
    void recentRunsStopAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            metastore.saveRun(started("orders", "r-" + i, T0.plusSeconds(i)));
        }

        assertThat(metastore.recentRuns(Optional.empty(), 2))
                .extracting(RunRecord::runId)
                .containsExactly("r-4", "r-3");
        assertThat(metastore.recentRuns(Optional.empty(), 0)).isEmpty();
    }

    @Test
    void recentRunsOfOnePipelineLeaveOtherPipelinesOut() {
        metastore.saveRun(started("orders", "o-1", T0));
        metastore.saveRun(started("customers", "c-1", T0.plusSeconds(1)));
        metastore.saveRun(started("orders", "o-2", T0.plusSeconds(2)));
        metastore.saveRun(started("customers", "c-2", T0.plusSeconds(3)));

        assertThat(metastore.recentRuns(Optional.of("orders"), 10))
                .extracting(RunRecord::runId)
                .containsExactly("o-2", "o-1");
        assertThat(metastore.recentRuns(Optional.of("customers"), 1))
                .extracting(RunRecord::runId)
                .containsExactly("c-2");
        assertThat(metastore.recentRuns(Optional.of("unknown"), 10)).isEmpty();
    }

    @Test
    void negativeLimitIsRejected() {
        assertThatThrownBy(() -> metastore.recentRuns(Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit is negative: -1");
    }

    @Test
    void runningRunsAreTheRunsOfThePipelineStillMarkedRunning() {
        metastore.saveRun(started("orders", "o-1", T0));
        metastore.saveRun(finished(started("orders", "o-2", T0.plusSeconds(1)), RunStatus.SUCCESS));
        metastore.saveRun(started("orders", "o-3", T0.plusSeconds(2)));
        metastore.saveRun(finished(started("orders", "o-4", T0.plusSeconds(3)), RunStatus.KILLED));
        metastore.saveRun(started("customers", "c-1", T0.plusSeconds(4)));

        assertThat(metastore.runningRuns("orders")).extracting(RunRecord::runId).containsExactly("o-3", "o-1");
        assertThat(metastore.runningRuns("unknown")).isEmpty();
    }

    @Test
    void stageEventsComeBackInTheOrderTheyWereAdded() {
        StageEvent extract = new StageEvent("r-1", "extract", T0, T0.plusMillis(5), 100, "success", Optional.empty());
        StageEvent clean = new StageEvent(
                "r-1", "clean", T0.plusMillis(5), T0.plusMillis(9), 98, "success", Optional.of("2 rows rejected"));
        StageEvent other = new StageEvent("r-2", "extract", T0, T0, 7, "success", Optional.empty());
        // Same timestamps as clean: only the order of adding can put load after it.
        StageEvent load = new StageEvent(
                "r-1", "load", T0.plusMillis(5), T0.plusMillis(9), 98, "failed", Optional.of("Cannot commit"));

        metastore.addStageEvent(extract);
        metastore.addStageEvent(clean);
        metastore.addStageEvent(other);
        metastore.addStageEvent(load);

        assertThat(metastore.stageEvents("r-1")).containsExactly(extract, clean, load);
        assertThat(metastore.stageEvents("r-2")).containsExactly(other);
        assertThat(metastore.stageEvents("unknown")).isEmpty();
    }

    @Test
    void savedCheckResultsReadBackWithEveryField() {
        CheckResult notNull = new CheckResult(
                "r-1",
                "order_id_not_null",
                "not_null",
                CheckPhase.PRE_LOAD,
                Severity.P0,
                CheckStatus.FAILED,
                true,
                "2",
                "0",
                9_000_000_001L,
                List.of(
                        "{\"order_id\":null,\"note\":\"say \\\"hi\\\" to O'Brien, C:\\\\tmp\"}",
                        "{\"order_id\":null,\"city\":\"Zürich ✓ 東京 😀\\nsecond line\"}"));
        CheckResult rowCount = new CheckResult(
                "r-1",
                "enough_rows",
                "row_count",
                CheckPhase.POST_LOAD,
                Severity.P2,
                CheckStatus.PASSED,
                false,
                "1500",
                ">= 1000",
                0,
                List.of());
        CheckResult freshness = new CheckResult(
                "r-1",
                "fresh",
                "freshness",
                CheckPhase.TEST,
                Severity.P3,
                CheckStatus.ERROR,
                false,
                "Cannot evaluate: no column 'updated_at'",
                "< 1 day",
                1,
                List.of());

        metastore.saveCheckResults(List.of(notNull, rowCount, freshness));

        assertThat(metastore.checkResults("r-1")).containsExactly(notNull, rowCount, freshness);
    }

    @Test
    void checkResultsComeBackInTheOrderSaved() {
        // Names out of alphabetical order, saved in two calls: only the order of saving puts them so.
        CheckResult z = passed("r-1", "z_saved_first");
        CheckResult a = passed("r-1", "a_saved_second");
        CheckResult m = passed("r-1", "m_saved_third");

        metastore.saveCheckResults(List.of(z, a));
        metastore.saveCheckResults(List.of(m));

        assertThat(metastore.checkResults("r-1")).containsExactly(z, a, m);
    }

    @Test
    void checkResultsOfOtherRunsAreLeftOut() {
        CheckResult first = passed("r-1", "not_null");
        CheckResult other = passed("r-2", "not_null");
        CheckResult second = passed("r-1", "unique");

        metastore.saveCheckResults(List.of(first));
        metastore.saveCheckResults(List.of(other));
        metastore.saveCheckResults(List.of(second));

        assertThat(metastore.checkResults("r-1")).containsExactly(first, second);
        assertThat(metastore.checkResults("r-2")).containsExactly(other);
        assertThat(metastore.checkResults("unknown")).isEmpty();
    }

    @Test
    void checkResultRowHoldsTheYamlPhaseTheSampleAsAJsonArrayAndTheSaveTime() throws Exception {
        assumeSqlite();
        Instant before = Instant.now().minusMillis(1);
        metastore.saveCheckResults(List.of(new CheckResult(
                "r-1",
                "order_id_not_null",
                "not_null",
                CheckPhase.PRE_LOAD,
                Severity.P1,
                CheckStatus.FAILED,
                true,
                "2",
                "0",
                2,
                List.of("{\"id\":1}", "{\"id\":2}"))));

        List<String> row = RawSqlite.query(
                        url,
                        "SELECT phase, severity, status, blocking,"
                                + " json_array_length(sample_json), json_extract(sample_json, '$[1]'), recorded_at"
                                + " FROM weir_check_results")
                .get(0);

        assertThat(row.subList(0, 6)).containsExactly("pre_load", "P1", "failed", "1", "2", "{\"id\":2}");
        assertThat(Instant.parse(row.get(6))).isBetween(before, Instant.now());
    }

    @Test
    void checkResultsAreSavedAllOrNone() throws Exception {
        assumeSqlite();
        RawSqlite.execute(
                url,
                "CREATE TRIGGER refuse_broken BEFORE INSERT ON weir_check_results"
                        + " WHEN NEW.check_name = 'broken' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");

        assertThatThrownBy(() -> metastore.saveCheckResults(List.of(passed("r-1", "fine"), passed("r-1", "broken"))))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageStartingWith("Cannot save check results of run r-1 in metastore " + url + ": ")
                .hasMessageContaining("refused by the test");
        assertThat(metastore.checkResults("r-1")).isEmpty();
    }

    @Test
    void savingNoCheckResultsDoesNotWaitForAnotherWritersLock() throws Exception {
        assumeSqlite();
        try (Connection writer = DriverManager.getConnection(url);
                Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");

            assertThatNoException().isThrownBy(() -> metastore.saveCheckResults(List.of()));
        }
    }

    @Test
    void watermarkIsEmptyUntilSaved() {
        assertThat(metastore.watermark("orders")).isEmpty();
    }

    @Test
    void savingAWatermarkAgainReplacesItAndRecordsTheRun() throws Exception {
        Instant before = Instant.now().minusMillis(1);
        metastore.saveWatermark("orders", "{\"updated_at\":\"2024-05-01\"}", "r-1");
        metastore.saveWatermark("customers", "{\"id\":7}", "r-2");
        metastore.saveWatermark("orders", "{\"updated_at\":\"2024-05-02\"}", "r-3");

        assertThat(metastore.watermark("orders")).contains("{\"updated_at\":\"2024-05-02\"}");
        assertThat(metastore.watermark("customers")).contains("{\"id\":7}");
        assumeSqlite();
        List<List<String>> rows = RawSqlite.query(
                url, "SELECT pipeline_name, run_id, updated_at FROM weir_watermarks ORDER BY pipeline_name");
        assertThat(rows)
                .extracting(row -> row.get(0) + " " + row.get(1))
                .containsExactly("customers r-2", "orders r-3");
        assertThat(Instant.parse(rows.get(1).get(2))).isBetween(before, Instant.now());
    }

    @Test
    void databaseFailureNamesTheActionAndTheMetastore() throws Exception {
        assumeSqlite();
        RawSqlite.execute(url, "DROP TABLE weir_runs");

        assertThatThrownBy(() -> metastore.saveRun(started("orders", "r-1", T0)))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                    assertThat(e.hint()).isPresent();
                })
                .hasMessageStartingWith("Cannot save run r-1 in metastore " + url + ": ")
                .hasMessageContaining("no such table: weir_runs");
    }

    private static RunRecord started(String pipeline, String runId, Instant startedAt) {
        return RunRecord.started(pipeline, runId, startedAt, Optional.empty());
    }

    private static CheckResult passed(String runId, String check) {
        return new CheckResult(
                runId,
                check,
                "not_null",
                CheckPhase.PRE_LOAD,
                Severity.P1,
                CheckStatus.PASSED,
                false,
                "0",
                "0",
                0,
                List.of());
    }

    private static RunRecord finished(RunRecord run, RunStatus status) {
        return new RunRecord(
                run.pipelineName(),
                run.runId(),
                run.startedAt(),
                Optional.of(run.startedAt().plusSeconds(1)),
                status,
                "done",
                0,
                0,
                0,
                0,
                0,
                0,
                1.0,
                Optional.empty(),
                run.watermarkBefore(),
                Optional.empty());
    }
}
