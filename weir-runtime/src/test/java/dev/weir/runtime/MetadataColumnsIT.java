package dev.weir.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.TableAttacher;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load.metadata_columns}: every loaded row says when it was loaded, by which run and from
 * which record; an append-only bronze table is then read incrementally on its load time.
 */
class MetadataColumnsIT {
    @TempDir
    Path dir;

    @Test
    void everyRowSaysWhenByWhichRunAndFromWhichRecordItWasLoaded() throws IOException {
        Path project = dir.resolve("meta");
        write(project, "weir.yaml", "name: meta\n");
        write(project, "pipelines/bronze_orders.yaml", """
                pipeline: {name: bronze_orders}
                extract: {source_system: files, connection: "data/*.csv", format: csv, strategy: incremental, new_files: true}
                load: {target: bronze.orders, strategy: append, metadata_columns: [loaded_at, run_id, source]}
                """);
        write(project, "pipelines/silver_orders.yaml", """
                pipeline: {name: silver_orders}
                extract: {source_system: weir, connection: bronze.orders, strategy: incremental, incremental_key: _weir_loaded_at}
                transform:
                  stages:
                    - {name: typed, sql: "SELECT CAST(id AS BIGINT) AS id, status FROM source"}
                load: {target: silver.orders, strategy: upsert, merge_keys: [id], metadata_columns: [source]}
                """);
        write(project, "data/a.csv", "id,status\n1,placed\n\n2,placed\n");
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            List<PipelineResult> first = runtime.run(List.of());
            write(project, "data/b.csv", "id,status\n1,paid\n");
            List<PipelineResult> second = runtime.run(List.of());

            assertThat(first).allSatisfy(r -> assertThat(r.record().status()).isEqualTo(RunStatus.SUCCESS));
            assertThat(second).allSatisfy(r -> assertThat(r.record().status()).isEqualTo(RunStatus.SUCCESS));
            String run1 = first.get(0).record().runId();
            String run2 = second.get(0).record().runId();
            assertThat(query(
                            runtime,
                            "SELECT id, status, _weir_run_id, _weir_source, _weir_loaded_at = TIMESTAMPTZ '"
                                    + first.get(0).record().startedAt() + "' FROM bronze.orders ORDER BY _weir_source"))
                    .containsExactly(
                            List.of("1", "placed", run1, "data/a.csv:2", "true"),
                            List.of("2", "placed", run1, "data/a.csv:4", "true"),
                            List.of("1", "paid", run2, "data/b.csv:2", "false"));
            assertThat(second.get(1).record().rowsExtracted())
                    .as("silver reads only the rows bronze loaded since, by their load time")
                    .isEqualTo(1);
            assertThat(query(runtime, "SELECT id, status, _weir_source FROM silver.orders ORDER BY id"))
                    .containsExactly(List.of("1", "paid", "bronze.orders"), List.of("2", "placed", "bronze.orders"));
        }
    }

    private static List<List<String>> query(WeirRuntime runtime, String sql) {
        try (EngineSession session =
                runtime.engine().openSession(runtime.project().stateDir().resolve("scratch-test"))) {
            new TableAttacher(runtime.tables()).attachAll(session);
            return session.query(sql, 1000).rows();
        }
    }

    private static void write(Path project, String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
