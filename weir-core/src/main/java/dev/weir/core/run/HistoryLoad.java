package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.MetadataColumn;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.VanishedRows;
import dev.weir.core.spi.VersionHistories;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A type 2 slowly changing dimension load ({@code load.strategy: scd2}): each row of the batch is
 * a version of its key, valid from its {@code sequence_by} time (or the run's start). The history
 * of every key the batch touches is rebuilt from the table's versions and the batch's, and only
 * the keys whose history changes are rewritten, with merge-on-read position deletes or
 * copy-on-write as {@code merge_mode} says. So a version that arrives late lands in its place in
 * the history, and a batch loaded twice changes nothing.
 */
final class HistoryLoad {
    private static final String VERSIONS = "__weir_versions";
    private static final String HISTORY = "__weir_rebuilt_history";
    private static final String CHANGED_KEYS = "__weir_changed_keys";
    private static final String CLOSED = "__weir_closed_history";
    private static final String CLOSED_KEYS = "__weir_closed_keys";
    private static final Set<String> HISTORY_COLUMNS = Set.of(
            VersionHistories.VALID_FROM,
            VersionHistories.VALID_TO,
            VersionHistories.IS_CURRENT,
            VersionHistories.REASSERTED_AT);

    private final TableLoader loader;
    private final EngineSession session;

    HistoryLoad(TableLoader loader, EngineSession session) {
        this.loader = loader;
        this.session = session;
    }

    /** The batch's rows as versions, with the history table's columns. */
    RelationInfo versions(LoadSpec load, RelationInfo batch, Instant runStart) {
        return histories(load).versions(VERSIONS, batch.name(), load.sequenceBy(), runStart);
    }

    /** The history's change; the current versions of {@code vanished} keys, gone from the source, are closed at {@code runStart}. */
    TableLoader.Prepared prepare(
            LoadSpec load,
            RelationInfo versions,
            TableState table,
            String runId,
            Optional<DeleteReconciliation.Found> vanished,
            Instant runStart) {
        new BatchKeys(session).check(load, versions);
        VersionHistories histories = histories(load);
        long tied = histories.tiedVersions(versions.name(), load.mergeKeys());
        if (tied > 0) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    "Cannot scd2 into " + load.target() + ": " + tied + " different rows of the batch share their"
                            + " merge key " + load.mergeKeys()
                            + " and the time they became valid, so neither comes first",
                    load.sequenceBy().isPresent()
                            ? "give each version of a key its own "
                                    + load.sequenceBy().get() + " value, or drop"
                                    + " the extra versions in a transform stage"
                            : "without sequence_by every row of a batch is valid from the run's start: send one row"
                                    + " per key, or set sequence_by to the column that says when each version began");
        }
        List<String> tracked = tracked(load, versions);
        List<DataFileRef> candidates = loader.candidates(load, versions, table);
        RelationInfo history = histories.rebuildHistory(
                HISTORY,
                CHANGED_KEYS,
                versions.name(),
                candidates,
                table.layout().schema(),
                load.mergeKeys(),
                tracked,
                load.sequenceBy());
        String replacedKeys = CHANGED_KEYS;
        RelationInfo written = history;
        if (vanished.isPresent()) {
            VanishedRows rows = loader.vanishedRows(load);
            String gone = vanished.get().rows().name();
            candidates = loader.allFiles(table);
            written = rows.closedHistories(
                    CLOSED, HISTORY, gone, candidates, table.layout().schema(), load.mergeKeys(), runStart);
            replacedKeys = rows.keysOf(CLOSED_KEYS, load.mergeKeys(), List.of(CHANGED_KEYS, gone))
                    .name();
        }
        if (written.rowCount() == 0) {
            return TableLoader.Prepared.superseded(versions.rowCount());
        }
        return loader.replaceKeys(load, replacedKeys, written.name(), written.rowCount(), candidates, table, runId, 0);
    }

    /** {@code load.track_columns}, or every column but the keys, {@code sequence_by}, the history's own and the metadata columns. */
    private static List<String> tracked(LoadSpec load, RelationInfo versions) {
        if (load.trackColumns().isEmpty()) {
            return versions.schema().columns().stream()
                    .map(Column::name)
                    .filter(c -> !load.mergeKeys().contains(c))
                    .filter(c -> !load.sequenceBy().map(c::equals).orElse(false))
                    .filter(c -> !HISTORY_COLUMNS.contains(c))
                    .filter(c -> !c.startsWith(MetadataColumn.PREFIX))
                    .toList();
        }
        for (String column : load.trackColumns()) {
            if (versions.schema().column(column).isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        "Cannot scd2 into " + load.target() + ": tracked column '" + column
                                + "' is not a loaded column",
                        "select it in the last transform stage or fix load.track_columns");
            }
        }
        return load.trackColumns();
    }

    private VersionHistories histories(LoadSpec load) {
        return EngineCapabilities.require(session, VersionHistories.class, "scd2 into " + load.target());
    }
}
