package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.append;
import static dev.weir.lakehouse.TestWarehouse.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitIT {
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
    void appendedRowsReadBackEqualToWhatWasWritten() {
        TableState empty = warehouse.createOrders(Optional.empty());
        List<Record> rows = List.of(
                warehouse.order(1, "ada", "10.50", "2024-01-01"),
                warehouse.order(2, null, "0.01", "2024-01-02"),
                warehouse.order(3, "grace", "99999.99", "2024-02-29"));

        long snapshot = warehouse.store.commit(append(empty, "r1", warehouse.write(empty, "r1-0.parquet", rows)));

        assertThat(warehouse.readAll(ORDERS)).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(warehouse.store.load(ORDERS).orElseThrow().snapshotId()).hasValue(snapshot);
    }

    @Test
    void appendRegistersRecordCountAndColumnBoundsFromTheParquetFooter() {
        TableState empty = warehouse.createOrders(Optional.empty());
        WrittenFile file = warehouse.write(
                empty,
                "r1-0.parquet",
                List.of(warehouse.order(7, "b", "1.00", "2024-01-01"), warehouse.order(3, "a", "2.00", "2024-01-05")));

        warehouse.store.commit(append(empty, "r1", file));

        Table table = warehouse.icebergTable(ORDERS);
        DataFile registered =
                table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
        int orderId = table.schema().findField("order_id").fieldId();
        assertThat(registered.location()).isEqualTo(file.path());
        assertThat(registered.recordCount()).isEqualTo(2);
        assertThat(registered.fileSizeInBytes()).isEqualTo(file.sizeBytes());
        assertThat((Long) Conversions.fromByteBuffer(
                        Types.LongType.get(), registered.lowerBounds().get(orderId)))
                .isEqualTo(3L);
        assertThat((Long) Conversions.fromByteBuffer(
                        Types.LongType.get(), registered.upperBounds().get(orderId)))
                .isEqualTo(7L);
        assertThat(registered.splitOffsets()).isNotEmpty();
    }

    @Test
    void overwriteRemovesExactlyTheListedFiles() {
        TableState state = warehouse.createOrders(Optional.empty());
        WrittenFile a = warehouse.write(state, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")));
        WrittenFile b = warehouse.write(state, "r1-1.parquet", List.of(warehouse.order(2, "b", "2.00", "2024-01-01")));
        WrittenFile c = warehouse.write(state, "r1-2.parquet", List.of(warehouse.order(3, "c", "3.00", "2024-01-01")));
        warehouse.store.commit(append(state, "r1", a, b, c));
        state = warehouse.store.load(ORDERS).orElseThrow();
        WrittenFile bUpdated =
                warehouse.write(state, "r2-0.parquet", List.of(warehouse.order(2, "b", "20.00", "2024-01-01")));

        warehouse.store.commit(commit(state, CommitKind.OVERWRITE, "r2", List.of(bUpdated), List.of(ref(b))));

        TableState after = warehouse.store.load(ORDERS).orElseThrow();
        assertThat(warehouse.store.dataFiles(after, Optional.empty()))
                .extracting(DataFileRef::path)
                .containsExactly(a.path(), c.path(), bUpdated.path());
        assertThat(warehouse.readAll(ORDERS))
                .containsExactlyInAnyOrder(
                        warehouse.order(1, "a", "1.00", "2024-01-01"),
                        warehouse.order(2, "b", "20.00", "2024-01-01"),
                        warehouse.order(3, "c", "3.00", "2024-01-01"));
    }

    @Test
    void overwriteFailsWhenAnotherWriterAppendedSinceItsBase() {
        TableState empty = warehouse.createOrders(Optional.empty());
        WrittenFile a = warehouse.write(empty, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")));
        warehouse.store.commit(append(empty, "r1", a));
        TableState base = warehouse.store.load(ORDERS).orElseThrow();
        warehouse.store.commit(append(
                base,
                "r2",
                warehouse.write(base, "r2-0.parquet", List.of(warehouse.order(1, "a", "5.00", "2024-01-01")))));
        WrittenFile replacement =
                warehouse.write(base, "r3-0.parquet", List.of(warehouse.order(1, "a", "9.00", "2024-01-01")));

        TableCommit stale = commit(base, CommitKind.OVERWRITE, "r3", List.of(replacement), List.of(ref(a)));

        assertThatThrownBy(() -> warehouse.store.commit(stale))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_CONFLICT);
                    assertThat(e.hint()).isPresent();
                })
                .hasMessageStartingWith("Cannot commit run r3 to table shop.orders: the table changed since snapshot "
                        + base.snapshotId().getAsLong() + ": Found conflicting files");
        assertThat(warehouse.store.history(ORDERS)).hasSize(2);
    }

    @Test
    void overwriteOfAFileNotInTheBaseSnapshotFails() {
        TableState empty = warehouse.createOrders(Optional.empty());
        warehouse.store.commit(append(
                empty,
                "r1",
                warehouse.write(empty, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")))));
        TableState base = warehouse.store.load(ORDERS).orElseThrow();
        DataFileRef stranger =
                new DataFileRef(base.dataDir().resolve("elsewhere.parquet").toString(), 1, 10);

        assertThatThrownBy(() ->
                        warehouse.store.commit(commit(base, CommitKind.OVERWRITE, "r2", List.of(), List.of(stranger))))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot commit run r2 to table shop.orders: file " + stranger.path()
                        + " to remove is not in snapshot " + base.snapshotId().getAsLong());
    }

    @Test
    void replaceAllReplacesEveryFileAndWithoutFilesEmptiesTheTable() {
        TableState state = warehouse.createOrders(Optional.empty());
        warehouse.store.commit(append(
                state,
                "r1",
                warehouse.write(state, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01"))),
                warehouse.write(state, "r1-1.parquet", List.of(warehouse.order(2, "b", "1.00", "2024-01-01")))));
        state = warehouse.store.load(ORDERS).orElseThrow();
        WrittenFile fresh =
                warehouse.write(state, "r2-0.parquet", List.of(warehouse.order(9, "z", "9.00", "2024-03-01")));

        warehouse.store.commit(commit(state, CommitKind.REPLACE_ALL, "r2", List.of(fresh), List.of()));
        assertThat(warehouse.readAll(ORDERS)).containsExactly(warehouse.order(9, "z", "9.00", "2024-03-01"));

        state = warehouse.store.load(ORDERS).orElseThrow();
        warehouse.store.commit(commit(state, CommitKind.REPLACE_ALL, "r3", List.of(), List.of()));
        assertThat(warehouse.readAll(ORDERS)).isEmpty();
        assertThat(warehouse.store.history(ORDERS))
                .extracting(SnapshotInfo::operation)
                .containsExactly("append", "overwrite", "delete");
    }

    @Test
    void replacePartitionsReplacesOnlyTheTouchedDay() {
        TableState state = warehouse.createOrders(Optional.of(PartitionField.parse("day(order_date)")));
        long jan1 = LocalDate.parse("2024-01-01").toEpochDay();
        long jan2 = LocalDate.parse("2024-01-02").toEpochDay();
        warehouse.store.commit(append(
                state,
                "r1",
                warehouse.write(
                        state,
                        "order_date_day=2024-01-01/r1-0.parquet",
                        List.of(warehouse.order(1, "a", "1.00", "2024-01-01")),
                        jan1),
                warehouse.write(
                        state,
                        "order_date_day=2024-01-02/r1-1.parquet",
                        List.of(
                                warehouse.order(2, "b", "2.00", "2024-01-02"),
                                warehouse.order(3, "c", "3.00", "2024-01-02")),
                        jan2)));
        state = warehouse.store.load(ORDERS).orElseThrow();
        WrittenFile newJan2 = warehouse.write(
                state,
                "order_date_day=2024-01-02/r2-0.parquet",
                List.of(warehouse.order(4, "d", "4.00", "2024-01-02")),
                jan2);

        warehouse.store.commit(commit(state, CommitKind.REPLACE_PARTITIONS, "r2", List.of(newJan2), List.of()));

        assertThat(warehouse.readAll(ORDERS))
                .containsExactlyInAnyOrder(
                        warehouse.order(1, "a", "1.00", "2024-01-01"), warehouse.order(4, "d", "4.00", "2024-01-02"));
    }

    @Test
    void dataFilesOfAPartitionedTableNameTheirPartitionWithItsSpec() {
        TableState state = warehouse.createOrders(Optional.of(PartitionField.parse("day(order_date)")));
        long jan1 = LocalDate.parse("2024-01-01").toEpochDay();
        warehouse.store.commit(append(
                state,
                "r1",
                warehouse.write(
                        state,
                        "order_date_day=2024-01-01/r1-0.parquet",
                        List.of(warehouse.order(1, "a", "1.00", "2024-01-01")),
                        jan1)));

        assertThat(warehouse.store.dataFiles(warehouse.store.load(ORDERS).orElseThrow(), Optional.empty()))
                .extracting(DataFileRef::partition)
                .containsExactly("0:order_date_day=2024-01-01");
    }

    @Test
    void replacePartitionsWithoutFilesKeepsTheDataAndRecordsTheRun() {
        TableState state = warehouse.createOrders(Optional.empty());
        warehouse.store.commit(append(
                state,
                "r1",
                warehouse.write(state, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")))));
        state = warehouse.store.load(ORDERS).orElseThrow();

        warehouse.store.commit(commit(state, CommitKind.REPLACE_PARTITIONS, "r2", List.of(), List.of()));

        assertThat(warehouse.readAll(ORDERS)).containsExactly(warehouse.order(1, "a", "1.00", "2024-01-01"));
        assertThat(warehouse.store.history(ORDERS))
                .extracting(s -> s.runId().orElseThrow())
                .containsExactly("r1", "r2");
    }

    @Test
    void sameRunIdCommittedTwiceLeavesOneSnapshot() {
        TableState empty = warehouse.createOrders(Optional.empty());
        WrittenFile file =
                warehouse.write(empty, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")));

        long first = warehouse.store.commit(append(empty, "r1", file));
        long retry = warehouse.store.commit(append(empty, "r1", file));

        assertThat(retry).isEqualTo(first);
        assertThat(warehouse.store.history(ORDERS)).hasSize(1);
        assertThat(warehouse.readAll(ORDERS)).hasSize(1);
    }

    @Test
    void historyListsSnapshotsOldestFirstWithTheirSummaries() {
        TableState state = warehouse.createOrders(Optional.empty());
        Map<String, String> summary = new HashMap<>(Map.of(
                TableCommit.RUN_ID,
                "r1",
                TableCommit.PIPELINE,
                "orders",
                TableCommit.WATERMARK,
                "{\"key\":\"2024-01-01\"}"));
        long first = warehouse.store.commit(new TableCommit(
                ORDERS,
                state.snapshotId(),
                CommitKind.APPEND,
                List.of(warehouse.write(state, "r1-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")))),
                List.of(),
                summary));
        state = warehouse.store.load(ORDERS).orElseThrow();
        summary.put(TableCommit.RUN_ID, "r2");
        long second = warehouse.store.commit(
                new TableCommit(ORDERS, state.snapshotId(), CommitKind.REPLACE_ALL, List.of(), List.of(), summary));

        List<SnapshotInfo> history = warehouse.store.history(ORDERS);

        assertThat(history).extracting(SnapshotInfo::snapshotId).containsExactly(first, second);
        assertThat(history).extracting(SnapshotInfo::runId).containsExactly(Optional.of("r1"), Optional.of("r2"));
        assertThat(history).extracting(SnapshotInfo::pipeline).containsOnly(Optional.of("orders"));
        assertThat(history.get(0).summary())
                .containsEntry(TableCommit.WATERMARK, "{\"key\":\"2024-01-01\"}")
                .containsEntry("added-records", "1");
        assertThat(history.get(0).committedAt())
                .isBeforeOrEqualTo(history.get(1).committedAt());
    }

    @Test
    void committingAMissingFileFailsBeforeTouchingTheTable() {
        TableState empty = warehouse.createOrders(Optional.empty());
        WrittenFile ghost =
                new WrittenFile(empty.dataDir().resolve("r1-0.parquet").toString(), 1, 100, List.of());

        assertThatThrownBy(() -> warehouse.store.commit(append(empty, "r1", ghost)))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_FAILED))
                .hasMessage("Cannot read the Parquet footer of " + ghost.path() + ": it does not exist");
        assertThat(warehouse.store.history(ORDERS)).isEmpty();
    }

    private static DataFileRef ref(WrittenFile file) {
        return new DataFileRef(file.path(), file.recordCount(), file.sizeBytes());
    }
}
