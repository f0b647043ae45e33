package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the state of Weir's tables. */
public interface TableReader {
    /** The current state of {@code table}, or empty when it does not exist. */
    Optional<TableState> load(TableId table);

    /**
     * The data files of {@code state}'s snapshot that may hold rows in {@code range} (all files
     * when empty), pruned with column bounds and partitions, each with the position deletes that
     * apply to it.
     *
     * @throws dev.weir.core.error.WeirException {@code UNSUPPORTED_TABLE} when the snapshot has
     *     equality deletes or deletion vectors, which Weir cannot apply
     */
    List<DataFileRef> dataFiles(TableState state, Optional<KeyRange> range);

    /**
     * The snapshots that make up {@code table}'s current state, oldest first: the current snapshot
     * and its ancestors (a snapshot rolled back from is not among them); empty when the table
     * does not exist.
     */
    List<SnapshotInfo> history(TableId table);

    /** Every Weir table in the catalog, sorted by name. */
    List<TableId> tables();

    /**
     * The size {@code table}'s data files aim at, as its {@code write.target-file-size-bytes}
     * property sets it; empty when the table does not set it or this reader cannot tell.
     */
    default OptionalLong targetFileSizeBytes(TableId table) {
        return OptionalLong.empty();
    }
}
