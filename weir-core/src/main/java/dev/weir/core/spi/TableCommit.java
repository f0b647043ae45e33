package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One atomic change of a table. {@code baseSnapshotId} is the snapshot the change was computed
 * from; {@code removed} are files of that snapshot (overwrite and rewrite only), {@code deletes}
 * position deletes against its files (row delta only); {@code summary} is added to the snapshot
 * summary and must hold {@link #RUN_ID}.
 */
public record TableCommit(
        TableId table,
        OptionalLong baseSnapshotId,
        CommitKind kind,
        List<WrittenFile> added,
        List<DataFileRef> removed,
        List<WrittenDeleteFile> deletes,
        Map<String, String> summary) {
    public static final String RUN_ID = "weir.run-id";
    public static final String PIPELINE = "weir.pipeline";
    /** The source's end position after this commit, as {@link Position#encoded}. */
    public static final String POSITION = "weir.position";
    /** The position as people read it ({@link Position#display}), or {@code none}. */
    public static final String WATERMARK = "weir.watermark";
    /** Before {@link #POSITION}: the files a new-files commit loaded, as a JSON array. Read, never written. */
    public static final String FILES = "weir.files";
    /** Before {@link #POSITION}: the column {@link #WATERMARK} was taken on. Read, never written. */
    public static final String INCREMENTAL_KEY = "weir.incremental-key";
    /** The backfill a commit loaded a chunk of; its position is the one the table had. */
    public static final String BACKFILL = "weir.backfill";

    public TableCommit {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(baseSnapshotId, "baseSnapshotId is null");
        Objects.requireNonNull(kind, "kind is null");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        deletes = List.copyOf(deletes);
        summary = Map.copyOf(summary);
        if (!summary.containsKey(RUN_ID)) {
            throw new IllegalArgumentException("a commit summary needs " + RUN_ID);
        }
        if (kind != CommitKind.OVERWRITE && kind != CommitKind.REWRITE && !removed.isEmpty()) {
            throw new IllegalArgumentException(kind + " commits remove no listed files");
        }
        if (kind != CommitKind.ROW_DELTA && !deletes.isEmpty()) {
            throw new IllegalArgumentException(kind + " commits add no delete files");
        }
    }

    /** A commit that adds no delete files. */
    public TableCommit(
            TableId table,
            OptionalLong baseSnapshotId,
            CommitKind kind,
            List<WrittenFile> added,
            List<DataFileRef> removed,
            Map<String, String> summary) {
        this(table, baseSnapshotId, kind, added, removed, List.of(), summary);
    }

    public String runId() {
        return summary.get(RUN_ID);
    }
}
