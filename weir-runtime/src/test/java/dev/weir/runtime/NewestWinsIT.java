package dev.weir.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.TableAttacher;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RunListener;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.StageEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs of newest-wins upserts ({@code load.sequence_by}) over a feed of files with late-arriving
 * older versions and re-sent rows, and of keyed loads whose batch has rows with a NULL merge key.
 */
class NewestWinsIT {
    private static final String HEADER = "order_id,status,updated_at\n";
    /** A feed of order versions, file by file: late older versions, a re-sent row and a re-sent file. */
    private static final List<String> FEED = List.of(
            HEADER + "1,placed,2024-03-01 10:00:00\n2,placed,2024-03-01 10:05:00\n1,paid,2024-03-01 11:00:00\n",
            HEADER + "3,placed,2024-03-01 10:10:00\n1,placed,2024-03-01 10:00:00\n2,shipped,2024-03-01 12:00:00\n",
            HEADER + "2,paid,2024-03-01 11:00:00\n3,paid,2024-03-01 10:40:00\n1,shipped,2024-03-01 13:00:00\n",
            HEADER + "3,placed,2024-03-01 10:10:00\n1,placed,2024-03-01 10:00:00\n2,shipped,2024-03-01 12:00:00\n");

    @TempDir
    Path dir;

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"merge-on-read", "copy-on-write"})
    void aFeedLoadedFileByFileLeavesTheSameTableAsLoadedAtOnceAndAgainChangesNothing(String mode) throws IOException {
        Path byFile = project("by_file", mode, "fail-fast");
        Path atOnce = project("at_once", mode, "fail-fast");
        List<RunRecord> runs = new ArrayList<>();
        try (WeirRuntime runtime = open(byFile)) {
            for (int i = 0; i < FEED.size(); i++) {
                write(byFile, "data/orders/" + i + ".csv", FEED.get(i));
                runs.add(runtime.run(List.of()).get(0).record());
            }
        }
        for (int i = 0; i < FEED.size(); i++) {
            write(atOnce, "data/orders/" + i + ".csv", FEED.get(i));
        }

        try (WeirRuntime runtime = open(atOnce)) {
            runs.add(runtime.run(List.of()).get(0).record());
            List<List<String>> once = orders(runtime);
            RunRecord again = runtime.run(List.of()).get(0).record();

            assertThat(again.rowsExtracted()).isZero();
            assertThat(orders(runtime)).isEqualTo(once);
        }

        List<List<String>> expected = List.of(
                List.of("1", "shipped", "2024-03-01 13:00:00"),
                List.of("2", "shipped", "2024-03-01 12:00:00"),
                List.of("3", "paid", "2024-03-01 10:40:00"));
        try (WeirRuntime a = open(byFile);
                WeirRuntime b = open(atOnce)) {
            assertThat(orders(a)).isEqualTo(expected);
            assertThat(orders(b)).isEqualTo(expected);
        }
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(run.rowsLoaded() + run.rowsRejected()).isEqualTo(run.rowsExtracted());
            assertThat(run.rowsRejected()).isZero();
        });
        assertThat(runs.get(3).rowsLoaded())
                .as("the re-sent file counts as loaded")
                .isEqualTo(3);
        assertThat(runs.get(4).rowsExtracted()).isEqualTo(12);
        assertThat(supersededInLoadEvents())
                .containsExactly(
                        "1 superseded rows not written",
                        "1 superseded rows not written",
                        "1 superseded rows not written",
                        "3 superseded rows not written",
                        "9 superseded rows not written");
    }

    @Test
    void aReSentFileMovesThePositionSoItIsNotReadAgain() throws IOException {
        Path project = project("resent", "merge-on-read", "fail-fast");
        write(project, "data/orders/0.csv", FEED.get(0));
        try (WeirRuntime runtime = open(project)) {
            runtime.run(List.of());
            write(project, "data/orders/1.csv", FEED.get(0));

            RunRecord resent = runtime.run(List.of()).get(0).record();
            RunRecord after = runtime.run(List.of()).get(0).record();

            assertThat(resent.rowsExtracted()).isEqualTo(3);
            assertThat(resent.rowsLoaded()).isEqualTo(3);
            assertThat(resent.watermarkAfter()).contains("files:2");
            assertThat(after.rowsExtracted()).isZero();
        }
    }

    @Test
    void underDeadLetterRowsWithANullMergeKeyOrSequenceValueAreQuarantinedAndCounted() throws IOException {
        Path project = project("dead_letter", "merge-on-read", "dead-letter");
        write(
                project,
                "data/orders/0.csv",
                HEADER
                        + "1,placed,2024-03-01 10:00:00\n,paid,2024-03-01 11:00:00\n2,paid,\n3,placed,2024-03-01 10:10:00\n"
                        + ",,\n");

        try (WeirRuntime runtime = open(project)) {
            RunRecord run = runtime.run(List.of()).get(0).record();

            assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(run.rowsExtracted()).isEqualTo(5);
            assertThat(run.rowsLoaded()).isEqualTo(2);
            assertThat(run.rowsRejected()).isEqualTo(3);
            assertThat(orders(runtime))
                    .containsExactly(
                            List.of("1", "placed", "2024-03-01 10:00:00"),
                            List.of("3", "placed", "2024-03-01 10:10:00"));
            assertThat(query(
                            runtime,
                            "SELECT run_id, check_name, reason, origin, raw_record FROM silver.orders__rejected"
                                    + " ORDER BY origin"))
                    .as("each rejected row points at its own record")
                    .containsExactly(
                            List.of(
                                    run.runId(),
                                    "merge_key",
                                    "order_id is NULL",
                                    "data/orders/0.csv:3",
                                    ",paid,2024-03-01 11:00:00"),
                            List.of(run.runId(), "sequence_by", "updated_at is NULL", "data/orders/0.csv:4", "2,paid,"),
                            List.of(run.runId(), "merge_key", "order_id is NULL", "data/orders/0.csv:6", ",,"));
        }
    }

    @Test
    void underFailFastARowWithANullMergeKeyFailsTheRunNamingHowManyAndLoadsNothing() throws IOException {
        Path project = project("fail_fast", "merge-on-read", "fail-fast");
        write(project, "data/orders/0.csv", HEADER + "1,placed,2024-03-01 10:00:00\n,paid,2024-03-01 11:00:00\n");

        try (WeirRuntime runtime = open(project)) {
            RunRecord run = runtime.run(List.of()).get(0).record();

            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.errorMessage())
                    .hasValueSatisfying(m -> assertThat(m)
                            .startsWith("Cannot upsert into silver.orders: 1 rows of the batch have a NULL merge key"
                                    + " [order_id]")
                            .contains("dead-letter"));
            assertThat(run.rowsRejected()).isEqualTo(run.rowsExtracted()).isEqualTo(2);
            assertThat(runtime.tables()
                            .load(TableId.parse("silver.orders"))
                            .filter(t -> t.snapshotId().isPresent()))
                    .isEmpty();
        }
    }

    /** What each load stage event says of the superseded rows: its last part. */
    private List<String> supersededInLoadEvents() {
        return events.stream()
                .filter(e -> e.stage().equals("load"))
                .map(e -> e.message().orElse(""))
                .map(m -> m.substring(m.lastIndexOf(", ") + 2))
                .toList();
    }

    private WeirRuntime open(Path project) {
        RunListener recorder = new RunListener() {
            @Override
            public void stageFinished(StageEvent stage) {
                events.add(stage);
            }
        };
        return WeirRuntime.options(project).listener(recorder).open();
    }

    private static List<List<String>> orders(WeirRuntime runtime) {
        return query(
                runtime, "SELECT order_id, status, CAST(updated_at AS VARCHAR) FROM silver.orders ORDER BY order_id");
    }

    private static List<List<String>> query(WeirRuntime runtime, String sql) {
        try (EngineSession session =
                runtime.engine().openSession(runtime.project().stateDir().resolve("scratch-test"))) {
            new TableAttacher(runtime.tables()).attachAll(session);
            return session.query(sql, 1000).rows().stream()
                    .map(r -> r.stream().map(v -> v == null ? "NULL" : v).toList())
                    .toList();
        }
    }

    private Path project(String name, String mode, String errorStrategy) throws IOException {
        Path project = dir.resolve(name);
        write(project, "weir.yaml", "name: " + name + "\n");
        write(project, "pipelines/silver_orders.yaml", """
                pipeline: {name: silver_orders}
                extract:
                  source_system: files
                  connection: "data/orders/*.csv"
                  format: csv
                  strategy: incremental
                  new_files: true
                  columns: {order_id: BIGINT, status: VARCHAR, updated_at: TIMESTAMP}
                load:
                  target: silver.orders
                  strategy: upsert
                  merge_keys: [order_id]
                  sequence_by: updated_at
                  merge_mode: %s
                error_handling: {strategy: %s}
                """.formatted(mode, errorStrategy));
        return project;
    }

    private static void write(Path project, String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
