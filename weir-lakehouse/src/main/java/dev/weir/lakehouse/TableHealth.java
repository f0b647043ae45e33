package dev.weir.lakehouse;

import dev.weir.core.spec.TableId;
import dev.weir.core.spi.HealthFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Read-only checks of a catalog: the database it shares with the metastore, and each table's
 * current metadata file and the files its current snapshot needs (manifest list, manifests, data
 * and delete files).
 */
final class TableHealth {
    private final IcebergCatalog catalog;
    private final MetadataFiles metadata;
    private final CatalogDatabase database;

    TableHealth(IcebergCatalog catalog, MetadataFiles metadata, CatalogDatabase database) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.database = database;
    }

    List<HealthFinding> check() {
        List<HealthFinding> findings = new ArrayList<>();
        findings.add(database());
        for (TableId table : catalog.tables()) {
            findings.add(table(table));
        }
        return findings;
    }

    private HealthFinding database() {
        return database.health();
    }

    private HealthFinding table(TableId table) {
        String subject = "table " + table;
        Optional<MetadataFiles.Entry> entry = metadata.entry(table);
        if (entry.isEmpty()) {
            return HealthFinding.problem(subject, "the catalog names no metadata file for it", Optional.empty());
        }
        MetadataFiles.Read current = metadata.read(entry.get().current());
        if (current.problem().isPresent()) {
            return HealthFinding.problem(
                    subject,
                    "its metadata file " + MetadataFiles.local(current.location()) + " "
                            + current.problem().get().describe(),
                    Optional.of("weir table repair " + table));
        }
        Table loaded = catalog.find(table).orElseThrow();
        Snapshot snapshot = loaded.currentSnapshot();
        if (snapshot == null) {
            return HealthFinding.healthy(subject, "metadata readable, no snapshot yet");
        }
        Set<Path> missing = new LinkedHashSet<>();
        int dataFiles = 0;
        Set<Path> deleteFiles = new LinkedHashSet<>();
        Path manifestList = LocalFileIO.toPath(snapshot.manifestListLocation());
        if (!Files.exists(manifestList)) {
            missing.add(manifestList);
        } else {
            try (CloseableIterable<FileScanTask> tasks = loaded.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    dataFiles++;
                    present(LocalFileIO.toPath(task.file().location()), missing);
                    task.deletes().forEach(delete -> deleteFiles.add(LocalFileIO.toPath(delete.location())));
                }
            } catch (IOException | RuntimeException e) {
                // a manifest that is gone or unreadable stops the planning
                return HealthFinding.problem(
                        subject,
                        "the manifests of snapshot " + snapshot.snapshotId() + " cannot be read: " + e.getMessage(),
                        Optional.of(rollbackHint(table)));
            }
            deleteFiles.forEach(file -> present(file, missing));
        }
        if (!missing.isEmpty()) {
            return HealthFinding.problem(
                    subject,
                    missing.size() + " files of snapshot " + snapshot.snapshotId() + " do not exist, e.g. "
                            + missing.iterator().next(),
                    Optional.of(rollbackHint(table)));
        }
        return HealthFinding.healthy(
                subject,
                "snapshot " + snapshot.snapshotId() + ", " + dataFiles + " data files and " + deleteFiles.size()
                        + " delete files present");
    }

    private static void present(Path file, Set<Path> missing) {
        if (!Files.exists(file)) {
            missing.add(file);
        }
    }

    private static String rollbackHint(TableId table) {
        return "restore the files from a backup, or roll back to a snapshot that does not need them:"
                + " weir table history " + table + ", then weir table rollback " + table + " --to SNAPSHOT_ID";
    }
}
