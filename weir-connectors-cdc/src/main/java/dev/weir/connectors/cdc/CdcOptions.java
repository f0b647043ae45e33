package dev.weir.connectors.cdc;

import dev.weir.connectors.jdbc.ConnectionSpec;
import dev.weir.core.spi.ChangeFeed;
import dev.weir.core.spi.SourceOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@code source_system: postgres} with {@code strategy: cdc}.
 *
 * @param table the captured table as SQL names it, {@code schema.table} or {@code table} (schema {@code public})
 * @param softDeletes whether a deleted row stays in the table, with {@code _deleted_at}, instead of being deleted
 * @param changeColumns the optional columns about each change, besides its operation and sequence
 * @param maxChanges the changes after which a batch ends, at the end of the transaction holding the last
 * @param maxBatchTime how long a batch reads before it ends, at the end of a transaction
 */
record CdcOptions(
        ConnectionSpec connection,
        String table,
        boolean softDeletes,
        List<ChangeColumn> changeColumns,
        int maxChanges,
        Duration maxBatchTime)
        implements SourceOptions {
    CdcOptions {
        Objects.requireNonNull(connection, "connection is null");
        Objects.requireNonNull(table, "table is null");
        changeColumns = List.copyOf(changeColumns);
        Objects.requireNonNull(maxBatchTime, "maxBatchTime is null");
    }

    @Override
    public Optional<ChangeFeed> changes() {
        return Optional.of(new ChangeFeed(
                ChangeColumn.SEQUENCE,
                softDeletes
                        ? Optional.empty()
                        : Optional.of(ChangeColumn.OPERATION + " = '" + ChangeColumn.DELETE + "'")));
    }

    /** The schema of the table, {@code public} when the table is named without one. */
    String schema() {
        int dot = table.indexOf('.');
        return dot < 0 ? "public" : table.substring(0, dot);
    }

    /** The table's name within its schema. */
    String tableName() {
        return table.substring(table.indexOf('.') + 1);
    }

    @Override
    public boolean measuresLag() {
        return true;
    }
}
