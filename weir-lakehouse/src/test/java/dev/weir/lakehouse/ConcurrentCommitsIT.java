package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentCommitsIT {
    private static final int WRITERS = 4;
    private static final int COMMITS = 25;

    @TempDir
    Path dir;

    @Test
    void fourWriterProcessesAppendingToOneTableAllLand() throws Exception {
        List<String> expectedRuns = new ArrayList<>();
        try (TestWarehouse warehouse = new TestWarehouse(dir)) {
            TableState empty = warehouse.createOrders(Optional.empty());
            for (int w = 0; w < WRITERS; w++) {
                for (int i = 0; i < COMMITS; i++) {
                    String runId = "w" + w + "-" + i;
                    warehouse.write(
                            empty,
                            runId + ".parquet",
                            List.of(warehouse.order(w * 1000L + i, runId, "1.00", "2024-01-01")));
                    expectedRuns.add(runId);
                }
            }

            List<Process> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(ChildJvm.start(
                        ChildJvm.testClasspath(),
                        ConcurrentAppender.class,
                        List.of(
                                warehouse.warehouse.toString(),
                                warehouse.url,
                                Integer.toString(w),
                                Integer.toString(COMMITS)),
                        dir.resolve("writer-" + w + ".log")));
            }
            for (int w = 0; w < WRITERS; w++) {
                assertThat(writers.get(w).waitFor(5, TimeUnit.MINUTES))
                        .as("writer %d finished", w)
                        .isTrue();
                assertThat(writers.get(w).exitValue())
                        .as(
                                "writer %d exit code; its log:%n%s",
                                w, Files.readString(dir.resolve("writer-" + w + ".log")))
                        .isZero();
            }

            List<SnapshotInfo> history = warehouse.store.history(ORDERS);
            assertThat(history)
                    .extracting(s -> s.runId().orElseThrow())
                    .containsExactlyInAnyOrderElementsOf(expectedRuns);
            TableState last = warehouse.store.load(ORDERS).orElseThrow();
            assertThat(warehouse.store.dataFiles(last, Optional.empty())).hasSize(WRITERS * COMMITS);
            assertThat(warehouse.readAll(ORDERS))
                    .extracting(r -> r.getField("order_id"))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, WRITERS)
                            .boxed()
                            .flatMap(w -> IntStream.range(0, COMMITS).mapToObj(i -> (Object) (w * 1000L + i)))
                            .toList());
        }
    }
}
