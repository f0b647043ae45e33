package dev.weir.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slowly changing dimensions of type 2 ({@code load.strategy: scd2}): an engine that keeps every
 * version of a key with the time it was valid. Relation names are as in {@link EngineSession};
 * arguments are never null; {@code keys} is not empty. Used by one thread, like its session.
 */
public interface VersionHistories {
    /** When a version became true. */
    String VALID_FROM = "valid_from";
    /** When the next version became true; {@link #OPEN_END} for the current version. */
    String VALID_TO = "valid_to";
    /** Whether the version is its key's newest. */
    String IS_CURRENT = "is_current";
    /**
     * The {@link #VALID_FROM} times, as text separated by commas, at which the source sent the
     * version again unchanged: folded into it, yet kept, so that a version arriving late between
     * them splits the history exactly where it would have, had everything arrived in order.
     */
    String REASSERTED_AT = "reasserted_at";
    /** The {@link #VALID_TO} of a current version, as the seed's SCD2 template writes it. */
    String OPEN_END = "9999-12-31";

    /**
     * The rows of {@code batch} as versions, relation {@code name}: the batch's columns, then
     * {@link #VALID_FROM} (the value of column {@code changedAt}, or {@code runStart} as a UTC
     * timestamp with time zone when there is none), {@link #VALID_TO} and {@link #IS_CURRENT} (NULL
     * until the history is rebuilt) and {@link #REASSERTED_AT} (empty). These are the columns of the
     * table the history is loaded into.
     *
     * @throws dev.weir.core.error.WeirException {@code LOAD_REJECTED} when {@code changedAt} is
     *     missing or not a date or timestamp, or the batch already has one of the three columns
     */
    RelationInfo versions(String name, String batch, Optional<String> changedAt, Instant runStart);

    /**
     * How many different rows of {@code versions} share their {@code keys} and {@link #VALID_FROM}
     * with another row: versions no order chooses between. Identical rows count once.
     */
    long tiedVersions(String versions, List<String> keys);

    /**
     * Rebuilds the history of each key of {@code versions} from its versions there and those the
     * table holds in {@code files} (data files of a table with {@code schema}, position deletes
     * applied), its {@link #REASSERTED_AT} versions included. In {@link #VALID_FROM} order a version
     * is kept only when one of {@code tracked} differs from the version before it, else it is folded
     * into the kept one's {@link #REASSERTED_AT}; a version of the batch takes the place of the
     * table's version with the same key and {@link #VALID_FROM}; {@link #VALID_TO} is the next
     * version's {@link #VALID_FROM}, or {@link #OPEN_END} for the last one, which alone is current.
     * The keys whose history this changes become relation {@code changedKeys} (the key columns),
     * and their whole rebuilt history relation {@code name}: what replaces their rows in the table.
     * {@code changedAt} is the column the versions are dated by, as given to {@link #versions}: a
     * folded version comes back with its own time in it. Without one (versions dated by the run,
     * which never arrive late) folded versions leave no trace.
     *
     * @return the rebuilt history of the keys whose history changes
     * @throws dev.weir.core.error.WeirException {@code LOAD_REJECTED} when a column is missing
     */
    RelationInfo rebuildHistory(
            String name,
            String changedKeys,
            String versions,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            List<String> tracked,
            Optional<String> changedAt);
}
