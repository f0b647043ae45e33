package dev.weir.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentMigrationIT {
    private static final int OPENERS = 4;
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void openersRacingOnANewFileAllSucceedAndMigrateOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String url = "jdbc:sqlite:" + dir.resolve("round" + round + "/weir.db");
                CyclicBarrier start = new CyclicBarrier(OPENERS);
                List<Future<SqlMetastore>> opened = new ArrayList<>();
                for (int i = 0; i < OPENERS; i++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        return SqlMetastore.open(url);
                    }));
                }
                for (Future<SqlMetastore> metastore : opened) {
                    metastore.get().close();
                }
                assertThat(RawSqlite.query(url, "SELECT version, success FROM weir_schema_history"))
                        .containsExactly(
                                List.of("1", "1"),
                                List.of("2", "1"),
                                List.of("3", "1"),
                                List.of("4", "1"),
                                List.of("5", "1"),
                                List.of("6", "1"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
