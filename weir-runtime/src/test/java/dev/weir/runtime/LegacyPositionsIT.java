package dev.weir.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table loaded before positions existed keeps its watermark: its files are not loaded again. */
class LegacyPositionsIT {
    @TempDir
    Path project;

    @Test
    void aNewFilesTableCommittedWithWeirFilesLoadsOnlyTheFilesItHasNotSeen() throws IOException {
        write("weir.yaml", "name: shop\n");
        write("data/in/a.csv", "id\n1\n2\n");
        write("data/in/b.csv", "id\n3\n");
        write("pipelines/bronze_ids.yaml", """
                pipeline: {name: bronze_ids}
                extract: {source_system: files, connection: "data/in/*.csv", format: csv, strategy: incremental,
                          new_files: true, columns: {id: BIGINT}}
                load: {target: bronze.ids, strategy: append}
                """);
        TableId ids = TableId.parse("bronze.ids");
        try (WeirRuntime runtime = WeirRuntime.options(project).open();
                TableStore session = runtime.tables().openSession()) {
            TableState created = session.create(
                    ids, new TableSchema(List.of(new Column(0, "id", "long", false))), Optional.empty(), List.of());
            session.commit(new TableCommit(
                    ids,
                    created.snapshotId(),
                    CommitKind.APPEND,
                    List.of(),
                    List.of(),
                    List.of(),
                    Map.of(
                            TableCommit.RUN_ID, "20240101T000000Z-legacy01",
                            TableCommit.PIPELINE, "bronze_ids",
                            TableCommit.WATERMARK, "files:1",
                            TableCommit.FILES, "[\"data/in/a.csv\"]")));
        }

        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            RunRecord run = runtime.run(List.of()).get(0).record();

            assertThat(run.watermarkBefore()).contains("files:1");
            assertThat(run.rowsExtracted()).isEqualTo(1);
            assertThat(run.watermarkAfter()).contains("files:2");
            assertThat(runtime.tables().history(ids).get(1).summary())
                    .containsEntry(TableCommit.POSITION, "files:[\"data/in/a.csv\",\"data/in/b.csv\"]");
            assertThat(runtime.run(List.of()).get(0).record().rowsExtracted()).isZero();
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
