package dev.weir.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.run.FailPoints;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.TableState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of one runtime on several threads: four pipelines commit to their own tables at once while
 * a fifth run contends with the first for its table. Every commit lands or the contender is
 * refused with a clear lock error, and every table holds each batch exactly once.
 */
class ConcurrentRunsIT {
    private static final int PIPELINES = 4;
    private static final int ROUNDS = 5;
    private static final int ROWS = 100;

    @TempDir
    Path project;

    @Test
    void fourPipelinesCommitAtOnceAndAContenderForOneTableIsRefusedByItsLock() throws Exception {
        write("weir.yaml", "name: shop\n");
        for (int p = 1; p <= PIPELINES; p++) {
            write("pipelines/p" + p + ".yaml", """
                    pipeline: {name: p%1$d}
                    extract: {source_system: files, connection: "data/p%1$d/*.csv", format: csv, strategy: incremental,
                              new_files: true, columns: {id: BIGINT, amount: "DECIMAL(10,2)"}}
                    transform:
                      stages:
                        - {name: kept, sql: "SELECT * FROM source WHERE amount >= 0"}
                    load: {target: bronze.t%1$d, strategy: append}
                    """.formatted(p));
        }
        List<PipelineResult> results = new ArrayList<>();
        // p1 pauses after its extract, so that the contender started meanwhile finds it holding the lock
        FailPoints slowFirstPipeline = new FailPoints(Optional.of("after-extract@p1:pause=700"));
        ExecutorService threads = Executors.newFixedThreadPool(PIPELINES + 1);
        try (WeirRuntime runtime =
                WeirRuntime.options(project).failPoints(slowFirstPipeline).open()) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (int p = 1; p <= PIPELINES; p++) {
                    writeBatch(p, round);
                }
                List<Future<List<PipelineResult>>> runs = new ArrayList<>();
                for (int p = 1; p <= PIPELINES; p++) {
                    String pipeline = "p" + p;
                    runs.add(threads.submit(() -> runtime.run(List.of(pipeline))));
                }
                Thread.sleep(300);
                runs.add(threads.submit(() -> runtime.run(List.of("p1"))));
                for (Future<List<PipelineResult>> run : runs) {
                    results.addAll(run.get(120, TimeUnit.SECONDS));
                }
            }

            List<PipelineResult> landed = results.stream()
                    .filter(r -> r.record().status() == RunStatus.SUCCESS
                            && r.record().rowsLoaded() > 0)
                    .toList();
            List<PipelineResult> refused = results.stream()
                    .filter(r -> r.record().status() == RunStatus.FAILED)
                    .toList();
            assertThat(landed).as(describe(results)).hasSize(PIPELINES * ROUNDS);
            assertThat(refused).hasSize(ROUNDS).allSatisfy(r -> {
                assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.PIPELINE_BUSY);
                assertThat(r.record().errorMessage().orElseThrow())
                        .startsWith("Cannot run pipeline 'p1': it is already running (run ");
                assertThat(r.record().watermarkAfter())
                        .as("a refused run changes no watermark")
                        .isEqualTo(r.record().watermarkBefore());
            });
            assertThat(refused.subList(1, ROUNDS))
                    .as("refused once the table has a watermark, a run shows it")
                    .allSatisfy(r -> assertThat(r.record().watermarkBefore())
                            .hasValueSatisfying(w -> assertThat(w).startsWith("files:")));
            assertThat(results).hasSize((PIPELINES + 1) * ROUNDS);
            for (int p = 1; p <= PIPELINES; p++) {
                TableId table = TableId.parse("bronze.t" + p);
                TableState state = runtime.tables().load(table).orElseThrow();
                List<DataFileRef> files = runtime.tables().dataFiles(state, Optional.empty());
                assertThat(files.stream().mapToLong(DataFileRef::recordCount).sum())
                        .as(table.toString())
                        .isEqualTo((long) ROUNDS * ROWS);
                assertThat(runtime.tables().history(table)).hasSize(ROUNDS);
                assertThat(filesOnDisk(state.dataDir()))
                        .as("files of " + table + " on disk")
                        .isEqualTo(files.stream().map(f -> Path.of(f.path())).collect(Collectors.toSet()));
            }
            assertThat(Files.readAllLines(project.resolve(".weir/logs/runs.jsonl")))
                    .hasSize(results.size());
        } finally {
            threads.shutdownNow();
        }
    }

    private static String describe(List<PipelineResult> results) {
        return results.stream()
                .map(r -> r.record().pipelineName() + " " + r.record().status().wireName() + " loaded "
                        + r.record().rowsLoaded()
                        + r.record().errorMessage().map(m -> ": " + m).orElse(""))
                .collect(Collectors.joining("\n"));
    }

    private void writeBatch(int pipeline, int round) throws IOException {
        StringBuilder csv = new StringBuilder("id,amount\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(round * 1000 + i).append(',').append(i).append(".25\n");
        }
        write("data/p" + pipeline + "/batch-" + round + ".csv", csv.toString());
    }

    private static Set<Path> filesOnDisk(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toCollection(HashSet::new));
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
