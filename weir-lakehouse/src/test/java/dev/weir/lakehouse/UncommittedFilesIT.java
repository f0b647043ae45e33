package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncommittedFilesIT {
    @TempDir
    Path dir;

    private TestWarehouse warehouse;
    private TableState empty;

    @BeforeEach
    void open() {
        warehouse = new TestWarehouse(dir);
        empty = warehouse.createOrders(Optional.of(PartitionField.parse("day(order_date)")));
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void deletesOnlyTheFilesOfTheUncommittedRun() {
        WrittenFile committed = write("2024-01-01", "r1-0.parquet");
        warehouse.store.commit(append(empty, "r1", committed));
        WrittenFile killed0 = write("2024-01-01", "r2-0.parquet");
        WrittenFile killed1 = write("2024-01-02", "r2-1.parquet");
        WrittenFile similarName = write("2024-01-02", "r20-0.parquet");

        int removed = warehouse.store.removeUncommittedFiles(ORDERS, "r2");

        assertThat(removed).isEqualTo(2);
        assertThat(Path.of(killed0.path())).doesNotExist();
        assertThat(Path.of(killed1.path())).doesNotExist();
        assertThat(Path.of(committed.path())).exists();
        assertThat(Path.of(similarName.path())).exists();
        assertThat(warehouse.readAll(ORDERS)).hasSize(1);
    }

    @Test
    void keepsTheFilesOfACommittedRun() {
        WrittenFile committed = write("2024-01-01", "r1-0.parquet");
        warehouse.store.commit(append(empty, "r1", committed));

        assertThat(warehouse.store.removeUncommittedFiles(ORDERS, "r1")).isZero();
        assertThat(Path.of(committed.path())).exists();
    }

    @Test
    void neverDeletesFilesTheCurrentSnapshotReferences() {
        WrittenFile committed = write("2024-01-01", "r1-0.parquet");
        warehouse.store.commit(append(empty, "r1", committed));
        // the snapshot that recorded run r1 is gone (as after snapshot expiry), its file is still live
        warehouse.icebergTable(ORDERS).newAppend().set("weir.run-id", "r9").commit();
        warehouse
                .icebergTable(ORDERS)
                .expireSnapshots()
                .expireSnapshotId(warehouse.store.history(ORDERS).get(0).snapshotId())
                .deleteWith(path -> {})
                .commit();

        assertThat(warehouse.store.history(ORDERS))
                .extracting(s -> s.runId().orElseThrow())
                .containsExactly("r9");
        assertThat(warehouse.store.removeUncommittedFiles(ORDERS, "r1")).isZero();
        assertThat(Path.of(committed.path())).exists();
    }

    @Test
    void tableWithoutDataDirectoryHasNothingToRemove() {
        assertThat(Files.exists(empty.dataDir())).isFalse();

        assertThat(warehouse.store.removeUncommittedFiles(ORDERS, "r1")).isZero();
    }

    private WrittenFile write(String date, String name) {
        long day = LocalDate.parse(date).toEpochDay();
        return warehouse.write(
                empty, "order_date_day=" + date + "/" + name, List.of(warehouse.order(day, "x", "1.00", date)), day);
    }
}
