package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.append;
import static dev.weir.lakehouse.TestWarehouse.commit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview of a commit lists exactly the files the commit then leaves, and commits nothing itself. */
class CommitPreviewIT {
    @TempDir
    Path dir;

    private TestWarehouse warehouse;

    @BeforeEach
    void open() {
        warehouse = new TestWarehouse(dir);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void previewOfAPartitionSwapDropsTheSwappedDayOnlyAndPublishesNothing() {
        TableState state = warehouse.createOrders(Optional.of(PartitionField.parse("day(order_date)")));
        long jan1 = LocalDate.parse("2024-01-01").toEpochDay();
        long jan2 = LocalDate.parse("2024-01-02").toEpochDay();
        WrittenFile day1 = warehouse.write(
                state,
                "order_date_day=2024-01-01/r1-0.parquet",
                List.of(warehouse.order(1, "a", "1.00", "2024-01-01")),
                jan1);
        WrittenFile day2 = warehouse.write(
                state,
                "order_date_day=2024-01-02/r1-1.parquet",
                List.of(warehouse.order(2, "b", "2.00", "2024-01-02")),
                jan2);
        warehouse.store.commit(append(state, "r1", day1, day2));
        state = warehouse.store.load(ORDERS).orElseThrow();
        WrittenFile newDay2 = warehouse.write(
                state,
                "order_date_day=2024-01-02/r2-0.parquet",
                List.of(warehouse.order(3, "c", "3.00", "2024-01-02")),
                jan2);
        TableCommit swap = commit(state, CommitKind.REPLACE_PARTITIONS, "r2", List.of(newDay2), List.of());

        List<DataFileRef> preview = warehouse.store.preview(swap);

        assertThat(preview).extracting(DataFileRef::path).containsExactly(day1.path(), newDay2.path());
        assertThat(warehouse.store.load(ORDERS).orElseThrow().snapshotId()).isEqualTo(state.snapshotId());
        assertThat(warehouse.store.history(ORDERS)).hasSize(1);
        warehouse.store.commit(swap);
        assertThat(warehouse.store.dataFiles(warehouse.store.load(ORDERS).orElseThrow(), Optional.empty()))
                .extracting(DataFileRef::path)
                .containsExactlyElementsOf(
                        preview.stream().map(DataFileRef::path).toList());
    }

    @Test
    void previewOfARowDeltaGivesTheCoveredFileItsNewDeleteFileAndAddsTheNewFiles() {
        TableState state = warehouse.createOrders(Optional.empty());
        WrittenFile first =
                warehouse.write(state, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")));
        WrittenFile second =
                warehouse.write(state, "r1-1.parquet", List.of(warehouse.order(2, "b", "2.00", "2024-01-01")));
        warehouse.store.commit(append(state, "r1", first, second));
        state = warehouse.store.load(ORDERS).orElseThrow();
        WrittenFile replacement =
                warehouse.write(state, "r2-0.parquet", List.of(warehouse.order(1, "a", "9.00", "2024-01-01")));
        WrittenDeleteFile delete = new WrittenDeleteFile(
                state.dataDir().resolve("r2-0-deletes.parquet").toString(), first.path(), 1, 1, 100);
        TableCommit delta = new TableCommit(
                ORDERS,
                state.snapshotId(),
                CommitKind.ROW_DELTA,
                List.of(replacement),
                List.of(),
                List.of(delete),
                Map.of(TableCommit.RUN_ID, "r2"));

        List<DataFileRef> preview = warehouse.store.preview(delta);

        assertThat(preview)
                .extracting(DataFileRef::path, DataFileRef::positionDeletes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first.path(), List.of(delete.path())),
                        org.assertj.core.groups.Tuple.tuple(second.path(), List.of()),
                        org.assertj.core.groups.Tuple.tuple(replacement.path(), List.of()));
    }

    @Test
    void previewOfAFirstLoadIsJustItsFilesAndReplaceAllDropsEveryOldFile() {
        TableState empty = warehouse.createOrders(Optional.empty());
        WrittenFile first =
                warehouse.write(empty, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")));
        assertThat(warehouse.store.preview(append(empty, "r1", first)))
                .extracting(DataFileRef::path)
                .containsExactly(first.path());
        warehouse.store.commit(append(empty, "r1", first));

        TableState state = warehouse.store.load(ORDERS).orElseThrow();
        WrittenFile reload =
                warehouse.write(state, "r2-0.parquet", List.of(warehouse.order(2, "b", "2.00", "2024-01-01")));
        assertThat(warehouse.store.preview(commit(state, CommitKind.REPLACE_ALL, "r2", List.of(reload), List.of())))
                .extracting(DataFileRef::path)
                .containsExactly(reload.path());
    }
}
