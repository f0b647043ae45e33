package dev.weir.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.Position;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cursor boundaries peers get wrong (issue 13), against a real PostgreSQL: each run reads
 * {@code cursor >= watermark - lookback}, so no row is skipped; the merge on the key then removes
 * the rows read twice (tested end to end through the command line in weir-cli's JdbcPipelineIT).
 */
class IncrementalBoundariesIT {
    @TempDir
    Path root;

    private String url;
    private JdbcProject project;

    @BeforeEach
    void database() {
        url = SharedPostgres.newDatabase();
        project = new JdbcProject(root, Map.of()).connection("pg", url);
        SharedPostgres.execute(
                url, "CREATE TABLE orders (id int PRIMARY KEY, updated_at timestamp, amount numeric(10,2))");
    }

    private void pipeline(String extraKeys) {
        project.pipeline(
                "orders",
                "  connection: pg\n  table: orders\n  strategy: incremental\n  incremental_key: updated_at\n"
                        + extraKeys);
    }

    private JdbcProject.Extract run(Optional<Position> previous) {
        return project.extract("orders", previous);
    }

    private static String state(JdbcProject.Extract extract) {
        return extract.end().orElseThrow().state();
    }

    @Test
    void rowsSharingTheLastCursorValueAreNeitherSkippedNorDuplicated() {
        pipeline("");
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1), (2, '2026-01-01 12:00', 2)");
        JdbcProject.Extract first = run(Optional.empty());
        // committed after the first run, with the very cursor value the watermark holds
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (3, '2026-01-01 12:00', 3)");

        JdbcProject.Extract second = run(first.end());

        assertThat(first.column("id")).containsExactlyInAnyOrder(1, 2);
        assertThat(state(first))
                .isEqualTo("{\"column\":\"updated_at\",\"type\":\"timestamp\",\"value\":\"2026-01-01T12:00:00\","
                        + "\"key\":{\"id\":\"2\"}}");
        // row 2 is read again (the merge keeps one copy), row 3 is not skipped, row 1 is not re-read
        assertThat(second.column("id")).containsExactlyInAnyOrder(2, 3);
        assertThat(state(second)).contains("\"value\":\"2026-01-01T12:00:00\"", "\"key\":{\"id\":\"3\"}");
    }

    @Test
    void aRowCommittedLateWithAnEarlierCursorInsideTheLookbackIsRead() {
        pipeline("  lookback: 10m\n");
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (1, '2026-01-01 12:00', 1)");
        JdbcProject.Extract first = run(Optional.empty());
        // a long transaction that took its timestamp at 11:55 commits after the first run
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (2, '2026-01-01 11:55', 2), (3, '2026-01-01 11:45', 3)");

        JdbcProject.Extract second = run(first.end());

        assertThat(second.column("id")).containsExactlyInAnyOrder(1, 2);
        // the watermark never moves back to the late row
        assertThat(state(second)).contains("\"value\":\"2026-01-01T12:00:00\"");
    }

    @Test
    void microsecondCursorsAreKeptAtFullPrecisionAndNotReloadedEveryRun() {
        pipeline("");
        SharedPostgres.execute(
                url,
                "INSERT INTO orders VALUES (1, '2026-01-01 10:00:00.123455', 1), (2, '2026-01-01 10:00:00.123456', 2)");
        JdbcProject.Extract first = run(Optional.empty());

        JdbcProject.Extract second = run(first.end());

        assertThat(state(first)).contains("\"value\":\"2026-01-01T10:00:00.123456\"");
        // a watermark cut to milliseconds (10:00:00.123) would read row 1 again on every run
        assertThat(second.column("id")).containsExactly(2);
        assertThat(second.column("updated_at")).containsExactly(LocalDateTime.parse("2026-01-01T10:00:00.123456"));
    }

    @Test
    void aRerunWithNothingNewReadsOnlyTheBoundaryRowsAndKeepsTheWatermark() {
        pipeline("");
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1), (2, '2026-01-01 11:00', 2)");
        JdbcProject.Extract first = run(Optional.empty());

        JdbcProject.Extract second = run(first.end());
        JdbcProject.Extract third = run(second.end());

        assertThat(second.column("id")).containsExactly(2);
        assertThat(third.column("id")).containsExactly(2);
        assertThat(third.end()).isEqualTo(first.end());
    }

    @Test
    void rowsWithANullCursorAreRejectedWithTheirReasonOnEveryRunUnderReject() {
        pipeline("");
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1), (2, NULL, 2)");
        JdbcProject.Extract first = run(Optional.empty());

        JdbcProject.Extract second = run(first.end());

        for (JdbcProject.Extract run : new JdbcProject.Extract[] {first, second}) {
            assertThat(run.read().rejects).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEqualTo("null_key");
                assertThat(r.detail()).isEqualTo("updated_at (the cursor) is NULL, and extract.null_cursor is reject");
                assertThat(r.record()).isEqualTo("{\"id\":\"2\",\"updated_at\":null,\"amount\":\"2.00\"}");
                // by its key, not its place in the result: the same on every run, so it is quarantined once
                assertThat(r.origin()).isEqualTo("pg:orders id=2");
            });
        }
        assertThat(first.column("id")).containsExactly(1);
        assertThat(state(first)).contains("\"value\":\"2026-01-01T10:00:00\"");
    }

    @Test
    void rowsWithANullCursorAreLoadedByTheFirstFullReadAndLeftOutOfLaterOnesUnderLoadOnFull() {
        pipeline("  null_cursor: load_on_full\n");
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1), (2, NULL, 2)");
        JdbcProject.Extract first = run(Optional.empty());
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (3, NULL, 3)");

        JdbcProject.Extract second = run(first.end());

        assertThat(first.column("id")).containsExactlyInAnyOrder(1, 2);
        assertThat(first.read().rejects).isEmpty();
        assertThat(second.column("id")).containsExactly(1);
        assertThat(second.read().rejects).isEmpty();
        assertThat(state(first)).contains("\"value\":\"2026-01-01T10:00:00\"");
    }

    @Test
    void aFullReadTakesEveryRowAndKeepsNoPosition() {
        project.pipeline("orders", "  connection: pg\n  table: orders\n  strategy: full\n");
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1), (2, NULL, 2)");

        JdbcProject.Extract full = run(Optional.empty());

        assertThat(full.column("id")).containsExactlyInAnyOrder(1, 2);
        assertThat(full.end()).isEmpty();
    }

    @Test
    void aQueryIsReadIncrementallyOnItsDeclaredKey() {
        project.pipeline(
                "orders",
                "  connection: pg\n  query: select id, updated_at from orders where amount > 1\n"
                        + "  strategy: incremental\n  incremental_key: updated_at\n  primary_key: [id]\n");
        SharedPostgres.execute(
                url,
                "INSERT INTO orders VALUES (1, '2026-01-01 10:00', 1), (2, '2026-01-01 11:00', 2),"
                        + " (3, '2026-01-01 12:00', 3)");
        JdbcProject.Extract first = run(Optional.empty());
        SharedPostgres.execute(url, "INSERT INTO orders VALUES (4, '2026-01-01 13:00', 4)");

        JdbcProject.Extract second = run(first.end());

        assertThat(first.column("id")).containsExactlyInAnyOrder(2, 3);
        assertThat(second.column("id")).containsExactlyInAnyOrder(3, 4);
        assertThat(state(second)).contains("\"value\":\"2026-01-01T13:00:00\"", "\"key\":{\"id\":\"4\"}");
    }

    @Test
    void aTimestamptzCursorIsKeptInUtcToTheMicrosecondAndBoundWithItsLookback() {
        SharedPostgres.execute(
                url,
                "CREATE TABLE events (id int PRIMARY KEY, at timestamptz)",
                "INSERT INTO events VALUES (1, '2026-01-01 12:00:00.000001+02'), (2, '2026-01-01 11:00:00.5+02')");
        project.pipeline(
                "events",
                "  connection: pg\n  table: events\n  strategy: incremental\n  incremental_key: at\n"
                        + "  lookback: 30m\n");
        JdbcProject.Extract first = project.extract("events", Optional.empty());
        SharedPostgres.execute(url, "INSERT INTO events VALUES (3, '2026-01-01 09:45:00Z'), (4, '2026-01-01 09:20Z')");

        JdbcProject.Extract second = project.extract("events", first.end());

        assertThat(state(first)).contains("\"type\":\"timestamptz\",\"value\":\"2026-01-01T10:00:00.000001Z\"");
        // from 09:30:00.000001 UTC on: row 3 committed late inside the lookback, not row 4 outside it
        assertThat(second.column("id")).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void aSmallFetchSizeStillReadsEveryRow() {
        pipeline("  fetch_size: 7\n");
        SharedPostgres.execute(
                url,
                "INSERT INTO orders SELECT g, timestamp '2026-01-01' + g * interval '1 second', g FROM"
                        + " generate_series(1, 1000) g");

        JdbcProject.Extract all = run(Optional.empty());

        assertThat(all.rows()).hasSize(1000);
        assertThat(state(all)).contains("\"value\":\"2026-01-01T00:16:40\"", "\"key\":{\"id\":\"1000\"}");
    }
}
