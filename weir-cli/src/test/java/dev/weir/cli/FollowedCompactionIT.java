package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.TableId;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.runtime.WeirRuntime;
import dev.weir.scheduler.FollowedCompactions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed upsert pipeline, one small batch per commit as {@code weir run --follow} makes them
 * (the loop's waiting left out), with and without its compactions between batches. System
 * properties set the number of batches ({@code weir.followed.batches}) and {@code --compact-after}
 * ({@code weir.followed.compact-after}): 360 batches and 30 are an hour of 10-second commits with
 * the default (docs/operations.md has the figures).
 */
class FollowedCompactionIT {
    private static final TableId TABLE = TableId.parse("silver.events");
    private static final int BATCHES = Integer.getInteger("weir.followed.batches", 24);
    private static final int COMPACT_AFTER = Integer.getInteger("weir.followed.compact-after", 10);

    @TempDir
    Path dir;

    @Test
    void compactionsBetweenBatchesKeepTheFileCountDownAndEveryRow() {
        CliProject compacted = project(dir.resolve("compacted"));
        CliProject uncompacted = project(dir.resolve("uncompacted"));

        Map<String, String> without = follow(uncompacted, 0);
        Map<String, String> withCompaction = follow(compacted, COMPACT_AFTER);

        assertThat(Integer.parseInt(without.get("total-data-files"))).isEqualTo(BATCHES);
        assertThat(Integer.parseInt(without.get("total-delete-files"))).isGreaterThan(BATCHES / 2);
        assertThat(Integer.parseInt(withCompaction.get("total-data-files"))).isLessThanOrEqualTo(COMPACT_AFTER);
        assertThat(Integer.parseInt(withCompaction.get("total-delete-files"))).isLessThanOrEqualTo(COMPACT_AFTER);
        String everyRow = "SELECT id, version FROM silver.events ORDER BY id";
        CliProject.Result expected = uncompacted.weir("query", everyRow);
        assertThat(compacted.weir("query", everyRow)).isEqualTo(expected);
        assertThat(expected.out()).contains("(" + BATCHES * 4 + " rows)");
    }

    /** Runs the batches and returns the summary of the table's current snapshot. */
    private Map<String, String> follow(CliProject project, int compactAfter) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (WeirRuntime runtime = WeirRuntime.options(project.root()).open()) {
            FollowedCompactions compactions = new FollowedCompactions(
                    runtime, compactAfter, new PrintedCompactions(new PrintWriter(out), new PrintWriter(err)));
            long batchNanos = 0;
            long compactionNanos = 0;
            for (int batch = 0; batch < BATCHES; batch++) {
                project.write(String.format("data/events/%05d.csv", batch), batchOf(batch));
                long started = System.nanoTime();
                List<PipelineResult> results = runtime.run(List.of("events"));
                long ran = System.nanoTime();
                assertThat(results)
                        .allSatisfy(r -> assertThat(r.record().status())
                                .as(r.failure().map(Object::toString).orElse(""))
                                .isEqualTo(RunStatus.SUCCESS));
                compactions.after(results);
                batchNanos += ran - started;
                compactionNanos += System.nanoTime() - ran;
            }
            assertThat(err.toString()).isEmpty();
            if (compactAfter > 0) {
                assertThat(out.toString()).contains("Compacted silver.events: ");
            }
            Map<String, String> current = last(runtime.tables().history(TABLE)).summary();
            System.out.printf(
                    "%d batches, --compact-after %d: %s data files, %s delete files; %d compactions; batches %.1fs,"
                            + " compactions %.1fs%n",
                    BATCHES,
                    compactAfter,
                    current.get("total-data-files"),
                    current.get("total-delete-files"),
                    out.toString().lines().count(),
                    batchNanos / 1e9,
                    compactionNanos / 1e9);
            return current;
        }
    }

    private static SnapshotInfo last(List<SnapshotInfo> history) {
        return history.get(history.size() - 1);
    }

    /** Four new events and a new version of one event of the batch before. */
    private static String batchOf(int batch) {
        StringBuilder csv = new StringBuilder("id,version\n");
        for (int i = 0; i < 4; i++) {
            csv.append(batch * 4 + i).append(",1\n");
        }
        if (batch > 0) {
            csv.append(batch * 4 - 1).append(',').append(batch + 1).append('\n');
        }
        return csv.toString();
    }

    private static CliProject project(Path root) {
        return new CliProject(root).write("weir.yaml", "name: followed\n").write("pipelines/events.yaml", """
                pipeline:
                  name: events
                extract:
                  source_system: files
                  connection: data/events/*.csv
                  format: csv
                  strategy: incremental
                  new_files: true
                load:
                  target: silver.events
                  strategy: upsert
                  merge_keys: [id]
                """);
    }
}
