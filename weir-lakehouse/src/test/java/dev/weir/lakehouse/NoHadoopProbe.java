package dev.weir.lakehouse;

import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every store operation once, for {@link NoHadoopIT}, in a JVM without Hadoop on the
 * classpath, so it uses no test helper that needs Hadoop. The data file of shop.orders was
 * written beforehand by the test.
 * Arguments: warehouse, JDBC URL, data file of shop.orders.
 */
public final class NoHadoopProbe {
    private static final TableId ORDERS = new TableId("shop", "orders");

    private NoHadoopProbe() {}

    public static void main(String[] args) throws IOException {
        boolean hadoop =
                ClassLoader.getSystemClassLoader().getResource("org/apache/hadoop/conf/Configuration.class") != null;
        System.out.println("hadoop=" + (hadoop ? "present" : "absent"));
        try (IcebergTableStore store = IcebergTableStore.open(Path.of(args[0]), args[1])) {
            TableSchema schema =
                    new TableSchema(List.of(new Column(0, "id", "long", true), new Column(0, "day", "date", false)));
            store.create(
                    new TableId("probe", "daily"),
                    schema,
                    Optional.of(PartitionField.parse("day(day)")),
                    List.of("id"));
            TableState state = store.load(ORDERS).orElseThrow();
            Path file = Path.of(args[2]);
            store.commit(new TableCommit(
                    ORDERS,
                    state.snapshotId(),
                    CommitKind.APPEND,
                    List.of(new WrittenFile(file.toString(), 1, Files.size(file), List.of())),
                    List.of(),
                    Map.of(TableCommit.RUN_ID, "probe")));
            TableState committed = store.load(ORDERS).orElseThrow();
            int files = store.dataFiles(committed, Optional.of(new KeyRange("order_id", "1", "1")))
                    .size();
            int snapshots = store.history(ORDERS).size();
            int removed = store.removeUncommittedFiles(ORDERS, "killed");
            System.out.println("tables=" + store.tables().size() + " files=" + files + " snapshots=" + snapshots
                    + " removed=" + removed);
        }
    }
}
