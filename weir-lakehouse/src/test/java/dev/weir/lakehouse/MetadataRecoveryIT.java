package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.MetadataVersion;
import dev.weir.core.spi.TableState;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table whose current metadata file cannot be read fails at once, and comes back from its metadata log. */
class MetadataRecoveryIT {
    private static final TableId OTHER = new TableId("shop", "other");

    @TempDir
    Path dir;

    private TestWarehouse warehouse;
    private IcebergCatalog catalog;

    @BeforeEach
    void open() {
        warehouse = new TestWarehouse(dir);
        catalog = IcebergCatalog.open(warehouse.warehouse, warehouse.url, Optional.empty());
    }

    @AfterEach
    void close() {
        catalog.close();
        warehouse.close();
    }

    @Test
    void corruptCurrentMetadataFailsAtOnceNamingTheTableAndTheFile() throws IOException {
        Path current = twoAppends(ORDERS);
        Files.writeString(current, "not json at all");

        long started = System.nanoTime();
        assertThatThrownBy(() -> catalog.load(ORDERS))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot read table shop.orders: its metadata file " + current
                        + " is corrupt (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or"
                        + " token 'null', 'true' or 'false'))")
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.TABLE_UNREADABLE))
                .satisfies(e -> assertThat(((WeirException) e).hint())
                        .contains("run `weir table repair shop.orders` to make its newest readable earlier metadata"
                                + " file current"));
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    }

    @Test
    void missingCurrentMetadataFailsAtOnceAndOtherTablesStillLoad() throws IOException {
        Path current = twoAppends(ORDERS);
        oneAppend(OTHER);
        Files.delete(current);

        assertThatThrownBy(() -> catalog.history(ORDERS))
                .hasMessage("Cannot read table shop.orders: its metadata file " + current + " does not exist");
        assertThat(catalog.history(OTHER)).hasSize(1);
        assertThat(catalog.tables()).containsExactly(ORDERS, OTHER);
    }

    @Test
    void metadataLogListsTheCurrentFileThenTheEarlierOnesNewestFirst() throws IOException {
        Path current = twoAppends(ORDERS);
        Files.writeString(current, "");

        List<MetadataVersion> log = catalog.metadataLog(ORDERS);

        assertThat(log).hasSizeGreaterThanOrEqualTo(3);
        assertThat(log.get(0).file()).isEqualTo(current.toString());
        assertThat(log.get(0).current()).isTrue();
        assertThat(log.get(0).problem()).get().asString().startsWith("corrupt (");
        assertThat(log.get(1).readable()).isTrue();
        assertThat(log.get(1).history()).hasSize(1);
        assertThat(log.get(1).snapshot().orElseThrow().runId()).contains("run-1");
        assertThat(log.subList(1, log.size())).noneMatch(MetadataVersion::current);
    }

    @Test
    void restoringAnEarlierFileMakesItCurrentAndTheTableTakesNewCommitsAgain() throws IOException {
        Path current = twoAppends(ORDERS);
        Files.delete(current);
        MetadataVersion earlier = catalog.metadataLog(ORDERS).get(1);

        catalog.restore(ORDERS, current.toString(), earlier.file());

        TableState restored = catalog.load(ORDERS).orElseThrow();
        assertThat(catalog.history(ORDERS))
                .extracting(s -> s.runId().orElseThrow())
                .containsExactly("run-1");
        warehouse.store.commit(TestWarehouse.append(
                restored,
                "run-3",
                warehouse.write(restored, "run-3-a.parquet", List.of(row(ORDERS, 3, "c", "3.00", "2024-03-03")))));
        assertThat(catalog.history(ORDERS))
                .extracting(s -> s.runId().orElseThrow())
                .containsExactly("run-1", "run-3");
        assertThat(warehouse.readAll(ORDERS)).hasSize(2);
    }

    @Test
    void restoreRefusesWhenTheCurrentFileChangedMeanwhile() throws IOException {
        Path current = twoAppends(ORDERS);
        MetadataVersion earlier = catalog.metadataLog(ORDERS).get(1);

        assertThatThrownBy(() -> catalog.restore(ORDERS, earlier.file(), earlier.file()))
                .hasMessage("Cannot repair table shop.orders: its current metadata file changed meanwhile");
        assertThat(catalog.metadataLog(ORDERS).get(0).file()).isEqualTo(current.toString());
    }

    @Test
    void checkReportsTheUnreadableTableWithItsRepairAndTheHealthyOnes() throws IOException {
        Path current = twoAppends(ORDERS);
        oneAppend(OTHER);
        Files.writeString(current, "{}");

        List<HealthFinding> findings = catalog.check();

        assertThat(findings).hasSize(3);
        assertThat(findings.get(0).healthy()).isTrue();
        assertThat(findings.get(0).detail()).isEqualTo("integrity check passed");
        assertThat(findings.get(1).subject()).isEqualTo("table shop.orders");
        assertThat(findings.get(1).problem())
                .get()
                .asString()
                .startsWith("its metadata file " + current + " is corrupt (");
        assertThat(findings.get(1).repair()).contains("weir table repair shop.orders");
        assertThat(findings.get(2).subject()).isEqualTo("table shop.other");
        assertThat(findings.get(2).detail()).endsWith("1 data files and 0 delete files present");
    }

    @Test
    void checkReportsADataFileThatIsGone() throws IOException {
        oneAppend(OTHER);
        Path data = Path.of(catalog.dataFiles(catalog.load(OTHER).orElseThrow(), Optional.empty())
                .get(0)
                .path());
        Files.delete(data);

        HealthFinding finding = catalog.check().get(1);

        assertThat(finding.problem()).get().asString().endsWith("do not exist, e.g. " + data);
        assertThat(finding.repair()).get().asString().contains("weir table rollback shop.other");
    }

    /** Creates {@code table} with the run-1 and run-2 appends; returns the current metadata file. */
    private Path twoAppends(TableId table) {
        TableState state = oneAppend(table);
        warehouse.store.commit(TestWarehouse.append(
                state,
                "run-2",
                warehouse.write(state, "run-2-a.parquet", List.of(row(table, 2, "b", "2.00", "2024-03-02")))));
        return currentMetadata(table);
    }

    private TableState oneAppend(TableId table) {
        TableState empty = warehouse.store.create(table, TestWarehouse.ORDERS_SCHEMA, Optional.empty(), List.of());
        warehouse.store.commit(TestWarehouse.append(
                empty,
                "run-1",
                warehouse.write(empty, "run-1-a.parquet", List.of(row(table, 1, "a", "1.00", "2024-03-01")))));
        return warehouse.store.load(table).orElseThrow();
    }

    private Record row(TableId table, long id, String customer, String amount, String day) {
        return warehouse.row(table, id, customer, new BigDecimal(amount), LocalDate.parse(day));
    }

    private Path currentMetadata(TableId table) {
        return Path.of(((HasTableOperations) warehouse.icebergTable(table))
                .operations()
                .current()
                .metadataFileLocation());
    }
}
