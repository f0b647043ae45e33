package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;

/**
 * Opens a Weir project's tables with nothing but Apache Iceberg's own classes (its JDBC catalog,
 * Hadoop file IO and generic reader), as another engine would.
 */
public final class IcebergTables implements AutoCloseable {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcCatalog catalog = new JdbcCatalog();

    public IcebergTables(Path project) {
        catalog.initialize(
                "weir",
                Map.of(
                        CatalogProperties.URI,
                        "jdbc:sqlite:" + project.resolve(".weir/weir.db"),
                        CatalogProperties.WAREHOUSE_LOCATION,
                        project.resolve(".weir/warehouse").toString(),
                        "jdbc.schema-version",
                        "V1",
                        "jdbc.init-catalog-tables",
                        "false"));
    }

    public boolean exists(String name) {
        return catalog.tableExists(TableIdentifier.parse(name));
    }

    public Table table(String name) {
        return catalog.loadTable(TableIdentifier.parse(name));
    }

    /** Every row of the current snapshot, each value rendered as DuckDB renders it when cast to text. */
    public List<List<String>> rows(String name) {
        Table table = table(name);
        List<Types.NestedField> fields = table.schema().columns();
        List<List<String>> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record record : records) {
                List<String> row = new ArrayList<>();
                for (Types.NestedField field : fields) {
                    row.add(render(record.getField(field.name())));
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Data and delete files referenced by any snapshot of the table. */
    Set<String> referencedFiles(String name) {
        Table table = table(name);
        Set<String> files = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            for (DataFile file : snapshot.addedDataFiles(table.io())) {
                files.add(localPath(file.location()));
            }
            for (DeleteFile file : snapshot.addedDeleteFiles(table.io())) {
                files.add(localPath(file.location()));
            }
        }
        return files;
    }

    /** Data files of the table's current snapshot. */
    Set<String> currentDataFiles(String name) {
        return currentFiles(name, task -> Stream.of(task.file().location()));
    }

    /** Delete files of the table's current snapshot. */
    Set<String> currentDeleteFiles(String name) {
        return currentFiles(name, task -> task.deletes().stream().map(DeleteFile::location));
    }

    private Set<String> currentFiles(String name, Function<FileScanTask, Stream<String>> locations) {
        Set<String> files = new HashSet<>();
        try (CloseableIterable<FileScanTask> tasks = table(name).newScan().planFiles()) {
            tasks.forEach(task -> locations.apply(task).forEach(location -> files.add(localPath(location))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** {@code rows} in one fixed order, so that two readers' rows of a table compare as equal. */
    public static List<List<String>> sorted(List<List<String>> rows) {
        Comparator<List<String>> byText = Comparator.comparing(
                r -> String.join("\u0001", r.stream().map(String::valueOf).toList()));
        return rows.stream().sorted(byText).toList();
    }

    private static String localPath(String location) {
        return Path.of(location.replaceFirst("^file:", "")).toString();
    }

    /** Parquet files present in the table's data directory (data and delete files). */
    /** Asserts that the data directory of every table holds exactly the files the table references: nothing stray. */
    public void assertNoStrayFiles() {
        for (Namespace namespace : catalog.listNamespaces()) {
            for (TableIdentifier table : catalog.listTables(namespace)) {
                assertThat(dataFilesOnDisk(table.toString()))
                        .as("files of " + table + " on disk")
                        .isEqualTo(referencedFiles(table.toString()));
                assertThat(metadataFilesOnDisk(table.toString()))
                        .as("metadata files of " + table + " on disk (manifests and manifest lists included)")
                        .isSubsetOf(referencedMetadataFiles(table.toString()));
            }
        }
    }

    /** Every file in the table's metadata directory. */
    Set<String> metadataFilesOnDisk(String name) {
        Path metadata =
                Path.of(table(name).location().replaceFirst("^file:", "")).resolve("metadata");
        try (Stream<Path> walk = Files.walk(metadata)) {
            return new HashSet<>(
                    walk.filter(Files::isRegularFile).map(Path::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current metadata file, those of its metadata log, and every snapshot's manifest list and manifests. */
    Set<String> referencedMetadataFiles(String name) {
        Table table = table(name);
        TableMetadata current = ((HasTableOperations) table).operations().current();
        Set<String> files = new HashSet<>();
        files.add(localPath(current.metadataFileLocation()));
        current.previousFiles().forEach(entry -> files.add(localPath(entry.file())));
        for (Snapshot snapshot : table.snapshots()) {
            files.add(localPath(snapshot.manifestListLocation()));
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                files.add(localPath(manifest.path()));
            }
        }
        return files;
    }

    Set<String> dataFilesOnDisk(String name) {
        Path data = Path.of(table(name).location().replaceFirst("^file:", "")).resolve("data");
        if (!Files.isDirectory(data)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(data)) {
            return new HashSet<>(
                    walk.filter(Files::isRegularFile).map(Path::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String render(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.format(TIMESTAMP);
        }
        return value.toString();
    }

    @Override
    public void close() {
        catalog.close();
    }
}
