package dev.weir.core.spec.load;

import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spi.ChangeFeed;
import java.util.Optional;

/**
 * The load of a source of changes: by key ({@code merge}), its versions ordered and its deletes
 * marked by the source, never by the pipeline, so that a change cannot be applied out of order and
 * a delete cannot land as a row.
 */
final class ChangeFeedLoad {
    private ChangeFeedLoad() {}

    static Optional<LoadSpec> apply(Optional<ChangeFeed> changes, SectionValues load, Optional<LoadSpec> read) {
        if (changes.isEmpty() || read.isEmpty()) {
            return read;
        }
        ChangeFeed feed = changes.get();
        LoadSpec spec = read.get();
        boolean valid = true;
        if (spec.strategy() != LoadStrategy.MERGE) {
            load.problems()
                    .add(
                            load.location("strategy"),
                            "A cdc source's changes are applied by key, which strategy "
                                    + spec.strategy().yamlName() + " does not do",
                            "write 'strategy: merge' with merge_keys set to the source table's primary key");
            valid = false;
        }
        if (spec.sequenceBy().filter(s -> !s.equals(feed.sequenceColumn())).isPresent()) {
            load.problems()
                    .add(
                            load.location("sequence_by"),
                            "A cdc source orders its changes itself, by " + feed.sequenceColumn(),
                            "remove sequence_by: changes are applied in the order the source committed them");
            valid = false;
        }
        if (spec.deleteWhen().isPresent()) {
            load.problems()
                    .add(
                            load.location("delete_when"),
                            "A cdc source marks its deletes itself",
                            "remove delete_when: a row deleted at the source is deleted from the table (or, with"
                                    + " extract.deletes: soft, kept with _deleted_at)");
            valid = false;
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new LoadSpec(
                spec.target(),
                spec.strategy(),
                spec.mergeKeys(),
                spec.mergeMode(),
                feed.deleteWhen(),
                spec.partitionKey(),
                spec.clusteringKeys(),
                Optional.of(feed.sequenceColumn()),
                spec.trackColumns(),
                spec.metadataColumns()));
    }
}
