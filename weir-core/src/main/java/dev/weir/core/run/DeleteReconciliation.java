package dev.weir.core.run;

import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.ReconcileDeletesSpec;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.LiveKeys;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import dev.weir.core.spi.VanishedRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code extract.reconcile_deletes}: on the runs it is due, the keys the source holds now are
 * compared with the table's, and the table's rows whose keys are in neither the source nor the
 * batch are removed in the run's own commit: deleted, marked deleted ({@code _deleted_at}), or for
 * scd2 closed. Due every {@code every_runs} successful runs, counted in the metastore from the last
 * run that reconciled (its stage event {@link #STAGE}). A source read only in part looks exactly
 * like a mass delete, so more than {@code max_delete_percent} of the rows at once is refused, with a
 * warning and an alert, and the batch still loads.
 */
final class DeleteReconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteReconciliation.class);
    /** The stage event of a run that reconciled; what {@code every_runs} counts from. */
    static final String STAGE = "reconcile_deletes";

    private static final String LIVE_KEYS = "__weir_live_keys";
    private static final String VANISHED = "__weir_vanished";
    private static final String LOADED_WITH_DELETED_AT = "__weir_with_deleted_at";

    private final Optional<ReconcileDeletesSpec> spec;
    private final boolean due;

    private DeleteReconciliation(Optional<ReconcileDeletesSpec> spec, boolean due) {
        this.spec = spec;
        this.due = due;
    }

    static DeleteReconciliation of(PipelineRun run) {
        Optional<ReconcileDeletesSpec> spec = run.pipeline.extract().reconcileDeletes();
        return new DeleteReconciliation(
                spec, spec.isPresent() && isDue(run.services.metastore(), run.pipeline.name(), spec.get()));
    }

    /** True when this run compares the keys: a batch with no row still runs, to find the deletes. */
    boolean due() {
        return due;
    }

    private static boolean isDue(Metastore metastore, String pipeline, ReconcileDeletesSpec spec) {
        if (spec.everyRuns() == 1) {
            return true;
        }
        int since = 0;
        for (RunRecord record : metastore.recentRuns(Optional.of(pipeline), spec.everyRuns() * 10)) {
            if (record.status() != RunStatus.SUCCESS) {
                continue;
            }
            if (metastore.stageEvents(record.runId()).stream()
                    .anyMatch(e -> e.stage().equals(STAGE))) {
                break;
            }
            if (++since >= spec.everyRuns() - 1) {
                return true;
            }
        }
        return false;
    }

    private boolean softDeletes() {
        return spec.filter(s -> s.mode() == ReconcileDeletesSpec.Mode.SOFT_DELETE)
                .isPresent();
    }

    /** The schema the table's rows have: with {@code _deleted_at} for soft deletes, on every run. */
    TableSchema schema(TableSchema loaded) {
        return softDeletes() ? withDeletedAt(loaded) : loaded;
    }

    private static TableSchema withDeletedAt(TableSchema loaded) {
        List<Column> columns = new ArrayList<>(loaded.columns());
        columns.add(new Column(0, VanishedRows.DELETED_AT, "timestamptz", false));
        return new TableSchema(columns);
    }

    /** The rows to load, for soft deletes with a NULL {@code _deleted_at}: a key back in the source is live again. */
    RelationInfo withDeletedAt(EngineSession session, RelationInfo loaded) {
        return softDeletes() ? engine(session).withDeletedAt(LOADED_WITH_DELETED_AT, loaded.name()) : loaded;
    }

    /**
     * When due, the table's rows whose keys are in neither the source nor {@code loaded}, unless
     * the guard refuses them; records the stage event either way.
     */
    Optional<Found> find(PipelineRun run, EngineSession session, Source source, RelationInfo loaded, TableState table) {
        if (!due || table.snapshotId().isEmpty()) {
            return Optional.empty();
        }
        Instant t = run.begin(STAGE);
        ReconcileDeletesSpec reconcile = spec.orElseThrow();
        LoadSpec load = run.pipeline.load();
        LiveKeys keys = (LiveKeys) source;
        VanishedRows engine = engine(session);
        RelationInfo live = engine.stageKeys(LIVE_KEYS, keys.liveKeys(load.mergeKeys()), load.mergeKeys());
        run.cancellation.check();
        VanishedRows.Vanished vanished = vanished(engine, run.tables, table, load, softDeletes(), live, loaded);
        long gone = vanished.rows().rowCount();
        long inScope = vanished.rowsInScope();
        String counted = gone + " of " + inScope + " rows of " + load.target() + " (" + percent(gone, inScope)
                + ") have keys the source no longer holds (" + live.rowCount() + " keys)";
        if (gone > 0 && gone * 100 > inScope * (long) reconcile.maxDeletePercent()) {
            String refused = counted + ": more than extract.reconcile_deletes.max_delete_percent ("
                    + reconcile.maxDeletePercent() + "%), so none was removed; if the source really lost them, raise"
                    + " max_delete_percent for one run";
            LOG.warn("Pipeline {}: {}", run.pipeline.name(), refused);
            run.started = run.started.withWarnings(List.of(refused));
            run.alerts.deletesRefused(run.runId, refused);
            run.event(STAGE, t, 0, refused);
            return Optional.empty();
        }
        run.event(STAGE, t, gone, counted + "; " + action(load) + " in this run's commit");
        return gone == 0 ? Optional.empty() : Optional.of(new Found(vanished.rows(), softDeletes()));
    }

    /**
     * The rows of {@code table} in scope (current versions for scd2, rows not yet marked for soft
     * deletes, else all) whose keys are in neither {@code live}, the source's keys, nor {@code loaded}.
     */
    static VanishedRows.Vanished vanished(
            VanishedRows engine,
            TableStore tables,
            TableState table,
            LoadSpec load,
            boolean soft,
            RelationInfo live,
            RelationInfo loaded) {
        VanishedRows.Scope scope = load.strategy() == LoadStrategy.SCD2
                ? VanishedRows.Scope.CURRENT_VERSIONS
                : soft ? VanishedRows.Scope.NOT_SOFT_DELETED : VanishedRows.Scope.ALL_ROWS;
        return engine.vanished(
                VANISHED,
                tables.dataFiles(table, Optional.empty()),
                table.layout().schema(),
                load.mergeKeys(),
                List.of(live.name(), loaded.name()),
                scope);
    }

    private String action(LoadSpec load) {
        if (load.strategy() == LoadStrategy.SCD2) {
            return "their current versions are closed";
        }
        return softDeletes() ? "they are marked in " + VanishedRows.DELETED_AT : "they are deleted";
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(java.util.Locale.ROOT, "%.1f%%", part * 100.0 / whole);
    }

    private static VanishedRows engine(EngineSession session) {
        return EngineCapabilities.require(session, VanishedRows.class, "reconcile deletes");
    }

    /** The rows found gone from the source, and whether they are marked rather than deleted. */
    record Found(RelationInfo rows, boolean soft) {}
}
