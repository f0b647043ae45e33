package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code load:} section: the target table and how the batch lands in it. {@code mergeMode}
 * matters to upsert and merge only. {@code sequenceBy}, for upsert and merge, names the column
 * whose greatest value is a key's newest version: a row replaces the version of its key in the
 * batch or the table only when its value is greater. For scd2 it names the column that says when
 * each version became true ({@code valid_from}; without it, the run's start), and
 * {@code trackColumns} the columns whose change opens a new version (empty: every column but the
 * keys, {@code sequenceBy} and the metadata columns). {@code metadataColumns} are added to every row
 * loaded.
 */
public record LoadSpec(
        TableId target,
        LoadStrategy strategy,
        List<String> mergeKeys,
        MergeMode mergeMode,
        Optional<String> deleteWhen,
        Optional<PartitionField> partitionKey,
        List<String> clusteringKeys,
        Optional<String> sequenceBy,
        List<String> trackColumns,
        List<MetadataColumn> metadataColumns) {
    public LoadSpec {
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(strategy, "strategy is null");
        mergeKeys = List.copyOf(mergeKeys);
        Objects.requireNonNull(mergeMode, "mergeMode is null");
        Objects.requireNonNull(deleteWhen, "deleteWhen is null");
        Objects.requireNonNull(partitionKey, "partitionKey is null");
        clusteringKeys = List.copyOf(clusteringKeys);
        Objects.requireNonNull(sequenceBy, "sequenceBy is null");
        trackColumns = List.copyOf(trackColumns);
        metadataColumns = List.copyOf(metadataColumns);
        if (strategy.needsMergeKeys() && mergeKeys.isEmpty()) {
            throw new IllegalArgumentException(strategy.yamlName() + " needs merge_keys");
        }
        if (sequenceBy.isPresent() && !strategy.needsMergeKeys()) {
            throw new IllegalArgumentException("sequence_by only applies to upsert, merge and scd2");
        }
        if (sequenceBy.isPresent() && mergeKeys.contains(sequenceBy.get())) {
            throw new IllegalArgumentException("sequence_by cannot be a merge key");
        }
        if (strategy == LoadStrategy.PARTITION_SWAP && partitionKey.isEmpty()) {
            throw new IllegalArgumentException("partition-swap needs partition_key");
        }
        if (!trackColumns.isEmpty() && strategy != LoadStrategy.SCD2) {
            throw new IllegalArgumentException("track_columns only applies to scd2");
        }
    }

    /** A load that tracks no columns of its own (every strategy but scd2) and adds no metadata column. */
    public LoadSpec(
            TableId target,
            LoadStrategy strategy,
            List<String> mergeKeys,
            MergeMode mergeMode,
            Optional<String> deleteWhen,
            Optional<PartitionField> partitionKey,
            List<String> clusteringKeys,
            Optional<String> sequenceBy) {
        this(
                target,
                strategy,
                mergeKeys,
                mergeMode,
                deleteWhen,
                partitionKey,
                clusteringKeys,
                sequenceBy,
                List.of(),
                List.of());
    }
}
