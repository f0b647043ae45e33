package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.ORDERS_SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.mapping.NameMappingParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableLifecycleIT {
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
    void createdTableLoadsWithAssignedIdsPartitionAndSortKeys() {
        TableSchema schema = new TableSchema(List.of(
                new Column(0, "event_id", "long", true),
                new Column(7, "price", "decimal(12,3)", false),
                new Column(0, "happened_at", "timestamptz", true),
                new Column(0, "local_at", "timestamp", false),
                new Column(0, "day", "date", false),
                new Column(0, "at_time", "time", false),
                new Column(0, "flag", "boolean", false),
                new Column(0, "n", "int", false),
                new Column(0, "ratio", "float", false),
                new Column(0, "score", "double", false),
                new Column(0, "ref", "uuid", false),
                new Column(0, "payload", "binary", false),
                new Column(0, "name", "string", false)));
        TableId events = new TableId("raw", "events");

        TableState created = warehouse.store.create(
                events, schema, Optional.of(PartitionField.parse("day(happened_at)")), List.of("event_id", "name"));
        TableState loaded = warehouse.store.load(events).orElseThrow();

        assertThat(loaded).isEqualTo(created);
        List<Column> columns = loaded.layout().schema().columns();
        assertThat(columns).extracting(Column::id).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(columns).extracting(Column::name).isEqualTo(schema.names());
        assertThat(columns)
                .extracting(Column::type)
                .containsExactly(
                        "long",
                        "decimal(12,3)",
                        "timestamptz",
                        "timestamp",
                        "date",
                        "time",
                        "boolean",
                        "int",
                        "float",
                        "double",
                        "uuid",
                        "binary",
                        "string");
        assertThat(columns)
                .extracting(Column::required)
                .containsExactly(
                        true, false, true, false, false, false, false, false, false, false, false, false, false);
        assertThat(loaded.layout().partition())
                .contains(new PartitionField("happened_at", PartitionField.Transform.DAY));
        assertThat(loaded.layout().sortKeys()).containsExactly("event_id", "name");
        assertThat(loaded.snapshotId()).isEmpty();
        assertThat(loaded.dataDir())
                .isEqualTo(warehouse.warehouse.toAbsolutePath().resolve("raw/events/data"));
    }

    @Test
    void createdTableIsFormatTwoZstdParquetWithNameMappingOfAssignedIds() {
        warehouse.createOrders(Optional.empty());

        Table table = warehouse.icebergTable(ORDERS);

        assertThat(((BaseTable) table).operations().current().formatVersion()).isEqualTo(2);
        assertThat(table.properties())
                .containsEntry("write.format.default", "parquet")
                .containsEntry("write.parquet.compression-codec", "zstd")
                .containsEntry("commit.retry.num-retries", "20");
        var mapping = NameMappingParser.fromJson(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING));
        assertThat(mapping.find("order_id").id())
                .isEqualTo(table.schema().findField("order_id").fieldId());
        assertThat(mapping.find("order_date").id())
                .isEqualTo(table.schema().findField("order_date").fieldId());
    }

    @Test
    void everyPartitionTransformRoundTrips() {
        int n = 0;
        for (String key : List.of("order_date", "year(order_date)", "month(order_date)", "day(order_date)")) {
            TableId id = new TableId("shop", "t" + n++);
            warehouse.store.create(id, ORDERS_SCHEMA, Optional.of(PartitionField.parse(key)), List.of());
            assertThat(warehouse.store.load(id).orElseThrow().layout().partition())
                    .contains(PartitionField.parse(key));
        }
        TableSchema timed = new TableSchema(List.of(new Column(0, "at", "timestamp", false)));
        warehouse.store.create(
                new TableId("shop", "hourly"), timed, Optional.of(PartitionField.parse("hour(at)")), List.of());
        assertThat(warehouse
                        .store
                        .load(new TableId("shop", "hourly"))
                        .orElseThrow()
                        .layout()
                        .partition())
                .contains(PartitionField.parse("hour(at)"));
    }

    @Test
    void creatingAnExistingTableFails() {
        warehouse.createOrders(Optional.empty());

        assertThatThrownBy(() -> warehouse.createOrders(Optional.empty()))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_FAILED))
                .hasMessage("Cannot create table shop.orders: it already exists");
    }

    @Test
    void unknownColumnTypeIsRefusedWithTheSupportedTypes() {
        TableSchema schema = new TableSchema(List.of(new Column(0, "v", "varchar", false)));

        assertThatThrownBy(() -> warehouse.store.create(ORDERS, schema, Optional.empty(), List.of()))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID);
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("decimal(P,S)", "timestamptz"));
                })
                .hasMessage("Cannot create table shop.orders: column v has unknown type 'varchar'");
        assertThat(warehouse.store.load(ORDERS)).isEmpty();
    }

    @Test
    void partitionByAMissingColumnIsRefused() {
        assertThatThrownBy(() -> warehouse.createOrders(Optional.of(PartitionField.parse("day(created_at)"))))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID))
                .hasMessage("Cannot create table shop.orders: partition 'created_at' is not a column of the table");
    }

    @Test
    void partitionTransformThatDoesNotFitTheColumnTypeIsRefused() {
        assertThatThrownBy(() -> warehouse.createOrders(Optional.of(PartitionField.parse("day(customer)"))))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID))
                .hasMessageStartingWith("Cannot create table shop.orders: cannot partition by day(customer): ");
        assertThat(warehouse.store.tables()).isEmpty();
    }

    @Test
    void missingTableLoadsAsEmptyAndHasNoHistory() {
        assertThat(warehouse.store.load(ORDERS)).isEmpty();
        assertThat(warehouse.store.history(ORDERS)).isEmpty();
        assertThat(warehouse.store.removeUncommittedFiles(ORDERS, "r1")).isZero();
    }

    @Test
    void tablesListsEveryTableOfEveryNamespaceSorted() {
        for (String name : List.of("silver.orders", "bronze.orders", "bronze.customers")) {
            warehouse.store.create(TableId.parse(name), ORDERS_SCHEMA, Optional.empty(), List.of());
        }

        assertThat(warehouse.store.tables())
                .extracting(TableId::toString)
                .containsExactly("bronze.customers", "bronze.orders", "silver.orders");
    }

    @Test
    void aSecondStoreOnTheSameFilesSeesTheTables() {
        warehouse.createOrders(Optional.empty());

        try (IcebergTableStore other = IcebergTableStore.open(warehouse.warehouse, warehouse.url)) {
            assertThat(other.tables()).containsExactly(ORDERS);
            assertThat(other.load(ORDERS)).isPresent();
        }
    }
}
