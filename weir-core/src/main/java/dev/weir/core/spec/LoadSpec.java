package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code load:} section: the target table and how the batch lands in it. {@code mergeMode}
 * matters to upsert and merge only.
 */
public record LoadSpec(
        TableId target,
        LoadStrategy strategy,
        List<String> mergeKeys,
        MergeMode mergeMode,
        Optional<String> deleteWhen,
        Optional<PartitionField> partitionKey,
        List<String> clusteringKeys) {
    public LoadSpec {
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(strategy, "strategy is null");
        mergeKeys = List.copyOf(mergeKeys);
        Objects.requireNonNull(mergeMode, "mergeMode is null");
        Objects.requireNonNull(deleteWhen, "deleteWhen is null");
        Objects.requireNonNull(partitionKey, "partitionKey is null");
        clusteringKeys = List.copyOf(clusteringKeys);
        if (strategy.needsMergeKeys() && mergeKeys.isEmpty()) {
            throw new IllegalArgumentException(strategy.yamlName() + " needs merge_keys");
        }
        if (strategy == LoadStrategy.PARTITION_SWAP && partitionKey.isEmpty()) {
            throw new IllegalArgumentException("partition-swap needs partition_key");
        }
    }
}
