package dev.weir.lakehouse;

import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One writer process of {@link ConcurrentCommitsIT}: appends the files {@code w<worker>-<i>.parquet}
 * that the test wrote into the data directory of shop.orders, one commit each.
 * Arguments: warehouse, JDBC URL, worker number, number of commits.
 */
public final class ConcurrentAppender {
    private ConcurrentAppender() {}

    public static void main(String[] args) throws IOException {
        int worker = Integer.parseInt(args[2]);
        int commits = Integer.parseInt(args[3]);
        try (IcebergTableStore store = IcebergTableStore.open(Path.of(args[0]), args[1])) {
            for (int i = 0; i < commits; i++) {
                TableState state = store.load(TestWarehouse.ORDERS).orElseThrow();
                String runId = "w" + worker + "-" + i;
                Path file = state.dataDir().resolve(runId + ".parquet");
                store.commit(TestWarehouse.append(
                        state, runId, new WrittenFile(file.toString(), 1, Files.size(file), List.of())));
            }
        }
        System.out.println("committed " + commits);
    }
}
