package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.iceberg.Files;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesIT {
    @TempDir
    Path dir;

    private TestWarehouse warehouse;
    private WrittenFile first;
    private WrittenFile second;
    private WrittenFile third;

    @BeforeEach
    void threeFilesWithDisjointKeyRanges() {
        warehouse = new TestWarehouse(dir);
        TableState empty = warehouse.createOrders(Optional.empty());
        first = warehouse.write(empty, "r1-0.parquet", orders(1, 10, "2024-01-01"));
        second = warehouse.write(empty, "r1-1.parquet", orders(11, 20, "2024-01-02"));
        third = warehouse.write(empty, "r1-2.parquet", orders(21, 30, "2024-01-03"));
        warehouse.store.commit(append(empty, "r1", first, second, third));
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void keyRangeHittingOneFilePlansOnlyThatFile() {
        assertThat(paths(new KeyRange("order_id", "12", "15"))).containsExactly(second.path());
    }

    @Test
    void keyRangeSpanningFilesPlansEachFileItOverlaps() {
        assertThat(paths(new KeyRange("order_id", "10", "21")))
                .containsExactly(first.path(), second.path(), third.path());
        assertThat(paths(new KeyRange("order_id", "15", "25"))).containsExactly(second.path(), third.path());
        assertThat(paths(new KeyRange("order_id", "31", "99"))).isEmpty();
    }

    @Test
    void dateKeyRangePrunesByDateBounds() {
        assertThat(paths(new KeyRange("order_date", "2024-01-02", "2024-01-02")))
                .containsExactly(second.path());
    }

    @Test
    void noRangeReturnsEveryFileWithItsCounts() {
        TableState state = warehouse.store.load(ORDERS).orElseThrow();

        assertThat(warehouse.store.dataFiles(state, Optional.empty()))
                .containsExactly(
                        new DataFileRef(first.path(), 10, first.sizeBytes()),
                        new DataFileRef(second.path(), 10, second.sizeBytes()),
                        new DataFileRef(third.path(), 10, third.sizeBytes()));
    }

    @Test
    void theTargetFileSizeIsTheTablesPropertyWhenItSetsOne() {
        assertThat(warehouse.store.targetFileSizeBytes(ORDERS)).isEmpty();

        warehouse
                .icebergTable(ORDERS)
                .updateProperties()
                .set("write.target-file-size-bytes", "134217728")
                .commit();

        assertThat(warehouse.store.targetFileSizeBytes(ORDERS)).hasValue(134217728L);
    }

    @Test
    void filesAreThoseOfTheStatesSnapshotNotOfLaterOnes() {
        TableState before = warehouse.store.load(ORDERS).orElseThrow();
        warehouse.store.commit(
                append(before, "r2", warehouse.write(before, "r2-0.parquet", orders(31, 40, "2024-01-04"))));

        assertThat(warehouse.store.dataFiles(before, Optional.empty())).hasSize(3);
        assertThat(warehouse.store.dataFiles(warehouse.store.load(ORDERS).orElseThrow(), Optional.empty()))
                .hasSize(4);
    }

    @Test
    void positionDeletesOfAnotherWriterAreListedWithTheDataFilesTheyMayCover() throws IOException {
        Table table = warehouse.icebergTable(ORDERS);
        Path deletes = warehouse.store.load(ORDERS).orElseThrow().dataDir().resolve("deletes-0.parquet");
        PositionDeleteWriter<Record> writer = Parquet.writeDeletes(Files.localOutput(deletes.toFile()))
                .withSpec(table.spec())
                .buildPositionWriter();
        try (writer) {
            writer.write(PositionDelete.<Record>create().set(second.path(), 0L));
        }
        table.newRowDelta().addDeletes(writer.toDeleteFile()).commit();
        TableState state = warehouse.store.load(ORDERS).orElseThrow();

        // a delete file that is not scoped to one data file goes with every file of its partition;
        // readers match its rows to files by path
        assertThat(warehouse.store.dataFiles(state, Optional.empty()))
                .containsExactly(
                        new DataFileRef(first.path(), first.path(), 10, first.sizeBytes(), List.of(deletes.toString())),
                        new DataFileRef(
                                second.path(), second.path(), 10, second.sizeBytes(), List.of(deletes.toString())),
                        new DataFileRef(
                                third.path(), third.path(), 10, third.sizeBytes(), List.of(deletes.toString())));
    }

    @Test
    void tableWithEqualityDeletesIsRefused() throws IOException {
        Table table = warehouse.icebergTable(ORDERS);
        Path deletes = warehouse.store.load(ORDERS).orElseThrow().dataDir().resolve("eq-deletes-0.parquet");
        Schema keySchema = table.schema().select("order_id");
        EqualityDeleteWriter<Record> writer = Parquet.writeDeletes(Files.localOutput(deletes.toFile()))
                .forTable(table)
                .rowSchema(keySchema)
                .createWriterFunc(GenericParquetWriter::create)
                .equalityFieldIds(keySchema.findField("order_id").fieldId())
                .buildEqualityWriter();
        try (writer) {
            writer.write(GenericRecord.create(keySchema).copy("order_id", 11L));
        }
        table.newRowDelta().addDeletes(writer.toDeleteFile()).commit();
        TableState state = warehouse.store.load(ORDERS).orElseThrow();

        assertThatThrownBy(() -> warehouse.store.dataFiles(state, Optional.empty()))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TABLE);
                    assertThat(e.hint())
                            .contains(
                                    "rewrite the table's data files with another engine (e.g. Spark CALL system.rewrite_data_files)");
                })
                .hasMessage("Cannot read table shop.orders: snapshot "
                        + state.snapshotId().getAsLong()
                        + " has equality deletes, which Weir cannot apply (it applies position deletes)");
    }

    @Test
    void emptyTableHasNoFiles() {
        TableState empty = warehouse.store.create(
                new dev.weir.core.spec.TableId("shop", "empty"),
                TestWarehouse.ORDERS_SCHEMA,
                Optional.empty(),
                List.of());

        assertThat(warehouse.store.dataFiles(empty, Optional.of(new KeyRange("order_id", "1", "2"))))
                .isEmpty();
    }

    private List<String> paths(KeyRange range) {
        TableState state = warehouse.store.load(ORDERS).orElseThrow();
        return warehouse.store.dataFiles(state, Optional.of(range)).stream()
                .map(DataFileRef::path)
                .toList();
    }

    private List<Record> orders(long fromId, long toId, String date) {
        return LongStream.rangeClosed(fromId, toId)
                .mapToObj(id -> warehouse.order(id, "c" + id, "1.00", date))
                .toList();
    }
}
