package dev.weir.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a source of changes (a database's replication log) tells the load: every row it stages is a
 * version of its key, {@code sequenceColumn} orders the versions as the source committed them, and
 * the rows {@code deleteWhen} holds for are deletes of their key. The spec reader sets them as the
 * load's {@code sequence_by} and {@code delete_when}, so the pipeline cannot apply changes out of
 * order or load a delete as a row.
 *
 * @param deleteWhen empty when deletes come as rows of their own (a soft delete)
 */
public record ChangeFeed(String sequenceColumn, Optional<String> deleteWhen) {
    public ChangeFeed {
        Objects.requireNonNull(sequenceColumn, "sequenceColumn is null");
        Objects.requireNonNull(deleteWhen, "deleteWhen is null");
    }
}
