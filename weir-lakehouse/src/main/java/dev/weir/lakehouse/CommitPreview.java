package dev.weir.lakehouse;

import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.StructLikeSet;

/**
 * The files a table would hold after a commit, computed from its base snapshot and the commit's
 * files without writing any metadata: what a write-audit-publish audit reads before the commit.
 */
final class CommitPreview {
    private final Table table;
    private final TableCommit commit;
    private final Function<FileScanTask, List<String>> deletesOf;

    /** @param deletesOf the local paths of the position deletes that apply to a planned file */
    CommitPreview(Table table, TableCommit commit, Function<FileScanTask, List<String>> deletesOf) {
        this.table = table;
        this.commit = commit;
        this.deletesOf = deletesOf;
    }

    List<DataFileRef> files() {
        List<DataFileRef> after = new ArrayList<>();
        if (commit.baseSnapshotId().isPresent() && commit.kind() != CommitKind.REPLACE_ALL) {
            Set<String> removed =
                    commit.removed().stream().map(DataFileRef::path).collect(Collectors.toSet());
            Map<String, String> newDeletes = commit.deletes().stream()
                    .collect(Collectors.toMap(WrittenDeleteFile::dataFile, WrittenDeleteFile::path));
            StructLikeSet replacedPartitions = replacedPartitions();
            try (CloseableIterable<FileScanTask> tasks = table.newScan()
                    .useSnapshot(commit.baseSnapshotId().getAsLong())
                    .planFiles()) {
                for (FileScanTask task : tasks) {
                    String path = LocalFileIO.toPath(task.file().location()).toString();
                    if (removed.contains(path) || replacedPartitions != null && replaces(replacedPartitions, task)) {
                        continue;
                    }
                    List<String> deletes =
                            newDeletes.containsKey(path) ? List.of(newDeletes.get(path)) : deletesOf.apply(task);
                    after.add(new DataFileRef(
                            path,
                            task.file().location(),
                            task.file().recordCount(),
                            task.file().fileSizeInBytes(),
                            deletes,
                            PartitionValues.nameOf(task)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (WrittenFile added : commit.added()) {
            after.add(new DataFileRef(added.path(), added.recordCount(), added.sizeBytes()));
        }
        after.sort(Comparator.comparing(DataFileRef::path));
        return after;
    }

    /** The partitions a partition swap replaces; null for other kinds of commit. */
    private StructLikeSet replacedPartitions() {
        if (commit.kind() != CommitKind.REPLACE_PARTITIONS) {
            return null;
        }
        PartitionSpec spec = table.spec();
        StructLikeSet partitions = StructLikeSet.create(spec.partitionType());
        for (WrittenFile added : commit.added()) {
            partitions.add(PartitionValues.of(spec, added.partitionValues(), added.path()));
        }
        return partitions;
    }

    /** An unpartitioned table has one partition, which any swap replaces. */
    private boolean replaces(StructLikeSet replaced, FileScanTask task) {
        return table.spec().isUnpartitioned()
                ? !commit.added().isEmpty()
                : replaced.contains(task.file().partition());
    }
}
