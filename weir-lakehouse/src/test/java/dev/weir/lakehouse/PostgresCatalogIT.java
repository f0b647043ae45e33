package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.append;
import static dev.weir.lakehouse.TestWarehouse.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Iceberg's JDBC catalog in PostgreSQL, opened by two catalogs as two working directories would. */
class PostgresCatalogIT {
    private static final int COMMITS = 4;

    @TempDir
    Path dir;

    private String url;
    private TestWarehouse a;
    private TestWarehouse b;

    @BeforeEach
    void open() {
        url = SharedPostgres.newDatabase();
        a = new TestWarehouse(dir, url, Optional.of(SharedPostgres.LOGIN));
        b = new TestWarehouse(dir, url, Optional.of(SharedPostgres.LOGIN));
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void aTableCreatedAndCommittedByOneCatalogReadsBackInTheOther() {
        TableState empty = a.createOrders(Optional.empty());
        a.store.commit(
                append(empty, "r1", a.write(empty, "r1-0.parquet", List.of(a.order(1, "ada", "10.50", "2024-01-01")))));

        assertThat(b.store.tables()).containsExactly(ORDERS);
        assertThat(b.store.history(ORDERS))
                .extracting(s -> s.runId().orElseThrow())
                .containsExactly("r1");
        assertThat(b.readAll(ORDERS)).extracting(r -> r.getField("customer")).containsExactly("ada");
    }

    @Test
    void anOverwriteOnAStaleBaseIsAConflictWhenTheOtherCatalogCommittedFirst() {
        TableState empty = a.createOrders(Optional.empty());
        WrittenFile first = a.write(empty, "r1-0.parquet", List.of(a.order(1, "a", "1.00", "2024-01-01")));
        a.store.commit(append(empty, "r1", first));
        TableState base = b.store.load(ORDERS).orElseThrow();
        a.store.commit(
                append(base, "r2", a.write(base, "r2-0.parquet", List.of(a.order(1, "a", "5.00", "2024-01-01")))));
        WrittenFile replacement = b.write(base, "r3-0.parquet", List.of(b.order(1, "a", "9.00", "2024-01-01")));
        DataFileRef replaced = b.store.dataFiles(base, Optional.empty()).get(0);

        TableCommit stale = commit(base, CommitKind.OVERWRITE, "r3", List.of(replacement), List.of(replaced));

        assertThatThrownBy(() -> b.store.commit(stale))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_CONFLICT))
                .hasMessageStartingWith("Cannot commit run r3 to table shop.orders: the table changed since snapshot "
                        + base.snapshotId().getAsLong());
        assertThat(a.store.history(ORDERS))
                .extracting(s -> s.runId().orElseThrow())
                .containsExactly("r1", "r2");
    }

    @Test
    void appendsRacingFromTwoCatalogsAllLand() throws Exception {
        TableState empty = a.createOrders(Optional.empty());
        List<String> expected = new ArrayList<>();
        for (String writer : List.of("a", "b")) {
            for (int i = 0; i < COMMITS; i++) {
                a.write(empty, writer + i + ".parquet", List.of(a.order(i, writer, "1.00", "2024-01-01")));
                expected.add(writer + i);
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> fromA = threads.submit(() -> appendAll(a, "a"));
            Future<?> fromB = threads.submit(() -> appendAll(b, "b"));
            fromA.get(2, TimeUnit.MINUTES);
            fromB.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }

        assertThat(a.store.history(ORDERS))
                .extracting(s -> s.runId().orElseThrow())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(b.readAll(ORDERS)).hasSize(2 * COMMITS);
    }

    @Test
    void doctorFindsTheDatabaseReachableWithItsCatalogTablesAndNamesNoPassword() {
        a.createOrders(Optional.empty());

        List<HealthFinding> findings;
        try (IcebergCatalog catalog = IcebergCatalog.open(a.warehouse, url, Optional.of(SharedPostgres.LOGIN))) {
            findings = catalog.check();
        }

        assertThat(findings.get(0).healthy()).isTrue();
        assertThat(findings.get(0).subject()).isEqualTo("database " + url + " (catalog and metastore)");
        assertThat(findings.toString()).doesNotContain(SharedPostgres.LOGIN.password());
    }

    private static void appendAll(TestWarehouse warehouse, String writer) {
        for (int i = 0; i < COMMITS; i++) {
            TableState state = warehouse.store.load(ORDERS).orElseThrow();
            Path file = state.dataDir().resolve(writer + i + ".parquet");
            warehouse.store.commit(
                    append(state, writer + i, new WrittenFile(file.toString(), 1, fileSize(file), List.of())));
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
