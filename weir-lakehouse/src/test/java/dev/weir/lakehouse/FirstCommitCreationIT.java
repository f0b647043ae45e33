package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.ORDERS_SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.TableId;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table created with its first commit appears atomically with its first data, or not at all. */
class FirstCommitCreationIT {
    private static final TableId LATE = new TableId("shop", "late_orders");

    @TempDir
    Path dir;

    private TestWarehouse warehouse;
    private Schema schema;

    @BeforeEach
    void open() {
        warehouse = new TestWarehouse(dir);
        warehouse.createOrders(Optional.empty());
        schema = warehouse.icebergTable(ORDERS).schema();
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void tableIsInvisibleToOtherStoresUntilItsFirstCommit() {
        TableState pending =
                warehouse.store.createWithFirstCommit(LATE, ORDERS_SCHEMA, Optional.empty(), List.of("order_id"));
        assertThat(warehouse.store.load(LATE)).isPresent();
        try (TestWarehouse other = new TestWarehouse(dir)) {
            assertThat(other.store.load(LATE)).isEmpty();
            assertThat(other.store.tables()).doesNotContain(LATE);
        }
        WrittenFile file = TestWarehouse.writeParquet(
                pending.dataDir().resolve("r1-0.parquet"),
                schema,
                List.of(warehouse.order(1, "ann", "1.00", "2024-01-01")));

        warehouse.store.commit(TestWarehouse.append(pending, "r1", file));

        try (TestWarehouse other = new TestWarehouse(dir)) {
            assertThat(other.store.history(LATE)).hasSize(1);
            assertThat(other.readAll(LATE)).hasSize(1);
            assertThat(other.icebergTable(LATE).properties()).containsKey("schema.name-mapping.default");
        }
    }

    @Test
    void filesOfAFirstLoadThatNeverCommittedAreRemovedByALaterProcess() {
        TableState pending =
                warehouse.store.createWithFirstCommit(LATE, ORDERS_SCHEMA, Optional.empty(), List.of("order_id"));
        WrittenFile orphan = TestWarehouse.writeParquet(
                pending.dataDir().resolve("r9-0.parquet"),
                schema,
                List.of(warehouse.order(1, "ann", "1.00", "2024-01-01")));

        try (TestWarehouse restarted = new TestWarehouse(dir)) {
            assertThat(restarted.store.removeUncommittedFiles(LATE, "r9")).isEqualTo(1);
        }
        assertThat(Path.of(orphan.path())).doesNotExist();
    }
}
