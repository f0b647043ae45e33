package dev.weir.core.spec.load;

import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.MetadataColumn;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the {@code load:} section and checks which keys each strategy needs or allows. */
final class LoadReader {

    /** The spec, or empty when the file has any problem (each one reported). */
    Optional<LoadSpec> read(SectionValues load) {
        FileProblems problems = load.problems();
        Optional<TableId> target = load.text("target").filter(TableId::isValid).map(TableId::parse);
        Optional<LoadStrategy> strategy = load.choice("strategy", LoadStrategy.values(), LoadStrategy::yamlName);
        List<String> mergeKeys = load.strings("merge_keys");
        Optional<MergeMode> mergeMode = load.choice("merge_mode", MergeMode.values(), MergeMode::yamlName);
        strategy.ifPresent(s -> checkStrategy(load, s, mergeKeys));
        Optional<PartitionField> partitionKey = partitionKey(load);
        if (problems.count() > 0 || target.isEmpty() || strategy.isEmpty() || mergeMode.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LoadSpec(
                    target.get(),
                    strategy.get(),
                    mergeKeys,
                    mergeMode.get(),
                    load.text("delete_when"),
                    partitionKey,
                    load.strings("clustering_keys"),
                    load.text("sequence_by"),
                    load.strings("track_columns"),
                    metadataColumns(load)));
        } catch (IllegalArgumentException e) {
            problems.add(load.here(), "Invalid load section: " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    private static void checkStrategy(SectionValues load, LoadStrategy strategy, List<String> mergeKeys) {
        FileProblems problems = load.problems();
        String name = strategy.yamlName();
        // merge_keys that are not a list were reported as such; saying they are missing would mislead.
        boolean keysWellFormed =
                load.node("merge_keys").map(YamlNode.Sequence.class::isInstance).orElse(true);
        if (!keysWellFormed) {
            return;
        }
        if (strategy.needsMergeKeys() && mergeKeys.isEmpty()) {
            problems.add(
                    load.location("merge_keys"),
                    (load.has("merge_keys") ? "Empty merge_keys: " : "Missing merge_keys: ") + name
                            + " matches rows on key columns",
                    "add a line like 'merge_keys: [order_id]'");
        } else if (!strategy.needsMergeKeys() && load.has("merge_keys")) {
            problems.add(
                    load.location("merge_keys"),
                    "'merge_keys' only applies to strategies upsert, merge and scd2",
                    "remove it, or use 'strategy: upsert' to update rows by key");
        }
        if (!strategy.needsMergeKeys() && load.has("merge_mode")) {
            problems.add(
                    load.location("merge_mode"),
                    "'merge_mode' only applies to strategies upsert, merge and scd2",
                    "remove it: " + name + " does not change existing rows by key");
        }
        if (!strategy.needsMergeKeys() && load.has("sequence_by")) {
            problems.add(
                    load.location("sequence_by"),
                    "'sequence_by' only applies to strategies upsert, merge and scd2",
                    "remove it, or use 'strategy: upsert' to keep the newest version of each key");
        } else if (load.text("sequence_by").filter(mergeKeys::contains).isPresent()) {
            problems.add(
                    load.location("sequence_by"),
                    "'" + load.text("sequence_by").get() + "' is a merge key, so it cannot order a key's versions",
                    "name the column that grows with each new version, such as 'sequence_by: updated_at'");
        }
        if (strategy != LoadStrategy.MERGE && load.has("delete_when")) {
            problems.add(
                    load.location("delete_when"),
                    "'delete_when' only applies to strategy merge",
                    "remove it, or use 'strategy: merge'");
        }
        if (strategy != LoadStrategy.SCD2 && load.has("track_columns")) {
            problems.add(
                    load.location("track_columns"),
                    "'track_columns' only applies to strategy scd2",
                    "remove it, or use 'strategy: scd2' to keep every version of a key");
        } else {
            List<String> tracked = load.strings("track_columns");
            tracked.stream()
                    .filter(c -> mergeKeys.contains(c)
                            || load.text("sequence_by").filter(c::equals).isPresent())
                    .findFirst()
                    .ifPresent(
                            c -> problems.add(
                                    load.location("track_columns"),
                                    "'" + c + "' is a merge key or the sequence_by column, so it cannot be tracked",
                                    "list the columns whose change makes a new version, such as 'track_columns: [name, status]'"));
        }
        if (strategy == LoadStrategy.PARTITION_SWAP && !load.has("partition_key")) {
            problems.add(
                    load.location("partition_key"),
                    "Missing partition_key: partition-swap replaces whole" + " partitions",
                    "add a line like 'partition_key: day(order_date)'");
        }
    }

    private static List<MetadataColumn> metadataColumns(SectionValues load) {
        List<MetadataColumn> columns = new ArrayList<>();
        for (String name : load.strings("metadata_columns")) {
            Optional<MetadataColumn> column = Arrays.stream(MetadataColumn.values())
                    .filter(c -> c.yamlName().equals(name))
                    .findFirst();
            if (column.isEmpty()) {
                load.problems()
                        .add(
                                load.location("metadata_columns"),
                                "Unknown metadata column '" + name + "'",
                                "use loaded_at, run_id or source, such as 'metadata_columns: [loaded_at, run_id]'");
            } else if (!columns.contains(column.get())) {
                columns.add(column.get());
            }
        }
        return columns;
    }

    private static Optional<PartitionField> partitionKey(SectionValues load) {
        Optional<String> text = load.has("partition_key") ? load.text("partition_key") : Optional.empty();
        try {
            return text.map(PartitionField::parse);
        } catch (IllegalArgumentException e) {
            load.problems()
                    .add(
                            load.location("partition_key"),
                            "Invalid partition key '" + text.get() + "'",
                            "write a column, or day(column), month(column), year(column) or hour(column)");
            return Optional.empty();
        }
    }
}
