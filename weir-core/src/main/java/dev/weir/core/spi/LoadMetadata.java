package dev.weir.core.spi;

import dev.weir.core.spec.MetadataColumn;
import java.time.Instant;
import java.util.List;

/**
 * An engine that adds the metadata columns of {@code load.metadata_columns} to the rows a run
 * loads. Used by one thread, like its session.
 */
public interface LoadMetadata {
    /**
     * Relation {@code name}: the rows of {@code relation}, then {@code columns} in their order:
     * {@link MetadataColumn#LOADED_AT} holds {@code loadedAt}, {@link MetadataColumn#RUN_ID}
     * {@code runId}, and {@link MetadataColumn#SOURCE} each row's record as {@code file:line} when
     * {@code relation} is {@link EngineSession#SOURCE} of a batch read record by record, else
     * {@code source}.
     *
     * @return the new relation
     */
    RelationInfo withMetadata(
            String name, String relation, List<MetadataColumn> columns, Instant loadedAt, String runId, String source);
}
