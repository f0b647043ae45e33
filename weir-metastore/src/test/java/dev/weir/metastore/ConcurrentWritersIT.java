package dev.weir.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersIT {
    private static final int RUNS_PER_WRITER = 100;

    @TempDir
    Path dir;

    @Test
    void twoMetastoresWritingAtOnceLoseNoRun() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("weir.db");
        try (SqlMetastore first = SqlMetastore.open(url);
                SqlMetastore second = SqlMetastore.open(url)) {
            CompletableFuture<Void> a =
                    CompletableFuture.runAsync(() -> RunWriterMain.writeRuns(first, "a", RUNS_PER_WRITER));
            CompletableFuture<Void> b =
                    CompletableFuture.runAsync(() -> RunWriterMain.writeRuns(second, "b", RUNS_PER_WRITER));
            CompletableFuture.allOf(a, b).get(2, TimeUnit.MINUTES);

            assertEveryRunLanded(first);
        }
    }

    @Test
    void twoProcessesStartingOnANewFileLoseNoRunWhileAThirdReads() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("new/weir.db");
        List<Process> writers = List.of(startWriter(url, "a", "a.log"), startWriter(url, "b", "b.log"));

        // Stands for `weir runs` polling while the runs go on; it must never fail or see a torn record.
        int reads = 0;
        while (writers.stream().anyMatch(Process::isAlive)) {
            if (dir.resolve("new/weir.db").toFile().exists()) {
                reads += readWhileWritersRun(url);
            }
            Thread.sleep(20);
        }

        for (Process writer : writers) {
            assertThat(writer.waitFor())
                    .as("exit code of a writer, see its log in " + dir)
                    .isZero();
        }
        assertThat(reads).isPositive();
        try (SqlMetastore metastore = SqlMetastore.open(url)) {
            assertEveryRunLanded(metastore);
        }
    }

    private int readWhileWritersRun(String url) {
        try (SqlMetastore reader = SqlMetastore.open(url)) {
            for (RunRecord run : reader.recentRuns(Optional.empty(), 50)) {
                assertThat(run.status() == RunStatus.RUNNING
                                || run.completedAt().isPresent())
                        .isTrue();
            }
            return 1;
        }
    }

    private Process startWriter(String url, String prefix, String log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RunWriterMain.class.getName(),
                url,
                prefix,
                Integer.toString(RUNS_PER_WRITER)));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }

    private static void assertEveryRunLanded(SqlMetastore metastore) {
        List<RunRecord> runs = metastore.recentRuns(Optional.empty(), 10 * RUNS_PER_WRITER);
        assertThat(runs).hasSize(2 * RUNS_PER_WRITER).allMatch(run -> run.status() == RunStatus.SUCCESS);
        for (String prefix : List.of("a", "b")) {
            assertThat(metastore.recentRuns(Optional.of(prefix), 10 * RUNS_PER_WRITER))
                    .hasSize(RUNS_PER_WRITER);
            assertThat(metastore.stageEvents(prefix + "-" + (RUNS_PER_WRITER - 1)))
                    .hasSize(1);
            assertThat(metastore.watermark(prefix)).contains("{\"i\":" + (RUNS_PER_WRITER - 1) + "}");
        }
    }
}
