package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.plan.TableReferences;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.StageSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.TableReader;
import dev.weir.core.spi.TableState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Makes the Weir tables a pipeline reads visible to its engine session, as of their current snapshot. */
public final class TableAttacher {
    private final TableReader tables;

    public TableAttacher(TableReader tables) {
        this.tables = tables;
    }

    void attachReferenced(EngineSession session, PipelineSpec pipeline) {
        attach(session, referenced(pipeline));
    }

    /** Attaches each of {@code tables} that exists. */
    void attach(EngineSession session, Collection<TableId> ids) {
        for (TableId id : ids) {
            Optional<TableState> state = tables.load(id);
            if (state.isPresent()) {
                attach(session, state.get());
            }
        }
    }

    /** Attaches every table in the catalog, for ad-hoc queries. */
    public void attachAll(EngineSession session) {
        for (TableId id : tables.tables()) {
            tables.load(id).ifPresent(state -> attach(session, state));
        }
    }

    /**
     * Attaches every table in the catalog whose metadata can be read, for commands that look at
     * many tables: a broken table fails only what needs it.
     *
     * @return the tables left out, with why each cannot be read
     */
    Map<TableId, WeirException> attachReadable(EngineSession session) {
        Map<TableId, WeirException> unreadable = new LinkedHashMap<>();
        for (TableId id : tables.tables()) {
            try {
                tables.load(id).ifPresent(state -> attach(session, state));
            } catch (WeirException e) {
                if (e.code() != ErrorCode.TABLE_UNREADABLE) {
                    throw e;
                }
                unreadable.put(id, e);
            }
        }
        return unreadable;
    }

    /**
     * Attaches every table in the catalog for an ad-hoc query, leaving out those whose metadata
     * cannot be read unless {@code sql} refers to them: a broken table fails only the queries that need it.
     *
     * @throws WeirException {@code TABLE_UNREADABLE} when {@code sql} refers to a table that cannot be read
     */
    public void attachFor(EngineSession session, String sql) {
        List<TableId> all = tables.tables();
        Set<TableId> referenced = new TableReferences(new LinkedHashSet<>(all)).find(sql);
        for (TableId id : all) {
            Optional<TableState> state;
            try {
                state = tables.load(id);
            } catch (WeirException e) {
                if (e.code() == ErrorCode.TABLE_UNREADABLE && !referenced.contains(id)) {
                    continue;
                }
                throw e;
            }
            state.ifPresent(s -> attach(session, s));
        }
    }

    private void attach(EngineSession session, TableState state) {
        session.attachTable(
                state.id(),
                state.layout().schema(),
                state.snapshotId().isPresent() ? tables.dataFiles(state, Optional.empty()) : List.of());
    }

    private Set<TableId> referenced(PipelineSpec pipeline) {
        Set<TableId> found = new LinkedHashSet<>();
        found.addAll(pipeline.extract().options().tablesRead());
        TableReferences references = new TableReferences(new LinkedHashSet<>(tables.tables()));
        for (StageSpec stage : pipeline.transform().stages()) {
            found.addAll(references.find(stage.sql()));
        }
        return found;
    }
}
