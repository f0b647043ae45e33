package dev.weir.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files under a table's {@code metadata/} and {@code data/} directories that nothing of the
 * table references: not its current metadata file nor any of its metadata log (which {@code weir
 * table repair} may make current again), nor a snapshot of any of them, nor their manifest lists,
 * manifests, data, delete and statistics files. A writer killed mid-commit leaves such files, and
 * so does a metastore that lost its record of a run.
 */
final class UnreferencedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(UnreferencedFiles.class);

    /** A file nothing references, with when it was last written. */
    record Unreferenced(Path path, FileTime written, long sizeBytes) {}

    private UnreferencedFiles() {}

    /**
     * The unreferenced files of {@code table} among those {@code candidate} accepts (by when they
     * were written, so that in-flight writes can be left alone), oldest first. What the metadata
     * references is read only when there is a candidate.
     *
     * @throws UncheckedIOException when a file of the table's metadata cannot be read: then
     *     nothing can be said unreferenced
     */
    static List<Unreferenced> of(Table table, Predicate<FileTime> candidate) {
        TableMetadata current = ((HasTableOperations) table).operations().current();
        Path metadataDir = local(current.metadataFileLocation()).getParent();
        List<Unreferenced> candidates = new ArrayList<>();
        candidates.addAll(filesUnder(metadataDir, candidate));
        candidates.addAll(filesUnder(IcebergCatalog.dataDir(table), candidate));
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<Path> referenced = referenced(current, table.io());
        return candidates.stream()
                .filter(file -> !referenced.contains(file.path()))
                .sorted((a, b) -> a.written().compareTo(b.written()))
                .toList();
    }

    /** Deletes {@code files}; one that cannot be deleted is left, with a warning. @return those deleted */
    static List<Unreferenced> delete(List<Unreferenced> files) {
        List<Unreferenced> deleted = new ArrayList<>();
        for (Unreferenced file : files) {
            try {
                if (Files.deleteIfExists(file.path())) {
                    deleted.add(file);
                }
            } catch (IOException e) {
                LOG.warn("Cannot remove unreferenced file {}: {}", file.path(), e.getMessage());
            }
        }
        return deleted;
    }

    /** The files written where a table that does not exist (its first commit never happened) would have been. */
    static List<Unreferenced> ofMissingTable(Path tableDir, Predicate<FileTime> candidate) {
        List<Unreferenced> files = new ArrayList<>(filesUnder(tableDir.resolve("metadata"), candidate));
        files.addAll(filesUnder(tableDir.resolve("data"), candidate));
        return files;
    }

    private static Set<Path> referenced(TableMetadata current, FileIO io) {
        Set<Path> referenced = new HashSet<>();
        Set<String> manifestsRead = new HashSet<>();
        List<TableMetadata> versions = new ArrayList<>(List.of(current));
        referenced.add(local(current.metadataFileLocation()));
        for (TableMetadata.MetadataLogEntry earlier : current.previousFiles()) {
            Path file = local(earlier.file());
            referenced.add(file);
            if (Files.exists(file)) {
                versions.add(TableMetadataParser.read(io, earlier.file()));
            }
        }
        for (TableMetadata version : versions) {
            for (Snapshot snapshot : version.snapshots()) {
                if (snapshot.manifestListLocation() == null || !Files.exists(local(snapshot.manifestListLocation()))) {
                    continue; // expired and cleaned, or lost: nothing to keep through it
                }
                referenced.add(local(snapshot.manifestListLocation()));
                for (ManifestFile manifest : snapshot.allManifests(io)) {
                    if (manifestsRead.add(manifest.path())) {
                        referenced.add(local(manifest.path()));
                        contents(manifest, version, io).forEach(referenced::add);
                    }
                }
            }
            version.statisticsFiles().stream().map(StatisticsFile::path).forEach(p -> referenced.add(local(p)));
            version.partitionStatisticsFiles().stream()
                    .map(PartitionStatisticsFile::path)
                    .forEach(p -> referenced.add(local(p)));
        }
        return referenced;
    }

    private static List<Path> contents(ManifestFile manifest, TableMetadata version, FileIO io) {
        if (!Files.exists(local(manifest.path()))) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (CloseableIterable<? extends ContentFile<?>> entries = manifest.content() == ManifestContent.DATA
                ? ManifestFiles.read(manifest, io, version.specsById())
                : ManifestFiles.readDeleteManifest(manifest, io, version.specsById())) {
            for (ContentFile<?> file : entries) {
                files.add(local(file.location()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Path local(String location) {
        return LocalFileIO.toPath(location).toAbsolutePath().normalize();
    }

    private static List<Unreferenced> filesUnder(Path dir, Predicate<FileTime> candidate) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Unreferenced> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir.toAbsolutePath().normalize())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                written(file)
                        .filter(candidate)
                        .ifPresent(written -> files.add(new Unreferenced(file, written, size(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Optional<FileTime> written(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }
}
