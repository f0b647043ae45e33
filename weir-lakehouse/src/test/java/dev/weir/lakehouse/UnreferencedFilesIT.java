package dev.weir.lakehouse;

import static dev.weir.lakehouse.TestWarehouse.ORDERS;
import static dev.weir.lakehouse.TestWarehouse.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit cut short (the process killed after Iceberg wrote its manifests, before the catalog
 * took the new metadata) leaves files nothing references; the run that closes the dead one
 * removes exactly those written since it started, and nothing any metadata file references.
 */
class UnreferencedFilesIT {
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
    void theManifestsOfACommitCutShortAreRemovedAndTheTableReadsAsBefore() throws IOException {
        warehouse.store.commit(append(empty, "r1", write("2024-01-01", "r1-0.parquet")));
        Set<Path> before = metadataFiles();
        Instant deadRunStarted = Instant.now();
        WrittenFile killed = write("2024-01-02", "r2-0.parquet");
        Table table = warehouse.icebergTable(ORDERS);
        AppendFiles cutShort = table.newAppend().appendFile(IcebergDataFiles.from(table, killed));
        cutShort.apply(); // writes the manifest and the manifest list, as a commit does before the catalog swap
        Set<Path> leaked = difference(metadataFiles(), before);
        assertThat(leaked)
                .as("the cut-short commit's manifest and manifest list")
                .hasSize(2);

        int removed = warehouse.store.removeUncommittedFiles(ORDERS, "r2")
                + warehouse.store.removeUnreferencedFiles(ORDERS, deadRunStarted);

        assertThat(removed).isEqualTo(3);
        assertThat(metadataFiles()).isEqualTo(before);
        assertThat(Path.of(killed.path())).doesNotExist();
        assertThat(warehouse.readAll(ORDERS)).hasSize(1);
    }

    @Test
    void filesWrittenBeforeTheDeadRunStartedAndEveryReferencedFileStay() throws IOException {
        warehouse.store.commit(append(empty, "r1", write("2024-01-01", "r1-0.parquet")));
        warehouse.store.commit(
                append(warehouse.store.load(ORDERS).orElseThrow(), "r2", write("2024-01-02", "r2-0.parquet")));
        Path old = metadataDir().resolve("0123-old-m0.avro");
        Files.writeString(old, "left by a process long gone");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3_600)));
        Set<Path> before = metadataFiles();

        int removed =
                warehouse.store.removeUnreferencedFiles(ORDERS, Instant.now().minusSeconds(600));

        assertThat(removed).isZero();
        assertThat(metadataFiles()).isEqualTo(before);
        assertThat(warehouse.readAll(ORDERS)).hasSize(2);
    }

    @Test
    void theFilesOfATableWhoseFirstCommitNeverHappenedAreAllUnreferenced() throws IOException {
        Path tableDir = dir.resolve("warehouse/shop/never");
        Files.createDirectories(tableDir.resolve("metadata"));
        Files.createDirectories(tableDir.resolve("data"));
        Files.writeString(tableDir.resolve("metadata/00000-abc.metadata.json"), "{}");
        Files.writeString(tableDir.resolve("data/r1-0.parquet"), "x");

        assertThat(UnreferencedFiles.ofMissingTable(tableDir, written -> true))
                .extracting(UnreferencedFiles.Unreferenced::path)
                .containsExactlyInAnyOrder(
                        tableDir.resolve("metadata/00000-abc.metadata.json").toAbsolutePath(),
                        tableDir.resolve("data/r1-0.parquet").toAbsolutePath());
    }

    private WrittenFile write(String date, String name) {
        long day = LocalDate.parse(date).toEpochDay();
        return warehouse.write(
                empty, "order_date_day=" + date + "/" + name, List.of(warehouse.order(day, "x", "1.00", date)), day);
    }

    private Path metadataDir() {
        return LocalFileIO.toPath(warehouse.icebergTable(ORDERS).location()).resolve("metadata");
    }

    private Set<Path> metadataFiles() throws IOException {
        try (Stream<Path> files = Files.list(metadataDir())) {
            return files.collect(Collectors.toSet());
        }
    }

    private static Set<Path> difference(Set<Path> a, Set<Path> b) {
        return a.stream().filter(p -> !b.contains(p)).collect(Collectors.toSet());
    }
}
