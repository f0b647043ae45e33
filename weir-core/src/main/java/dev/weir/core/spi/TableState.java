package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A table as of one snapshot. {@code snapshotId} is empty for a table with no snapshot yet;
 * {@code dataDir} is where new data files for the table are written.
 */
public record TableState(TableId id, TableLayout layout, OptionalLong snapshotId, Path dataDir) {
    public TableState {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(layout, "layout is null");
        Objects.requireNonNull(snapshotId, "snapshotId is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
    }
}
