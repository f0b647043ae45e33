package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.schema.SchemaChange;
import dev.weir.core.schema.SchemaDrift;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds a pipeline's target table, creating it from the loaded relation's columns on first load,
 * and reconciles the loaded columns with it and with its contract (schema drift): additive and
 * widening changes evolve the table, breaking ones stop the load naming each column and change.
 */
final class TargetTable {
    /**
     * How the loaded columns differ from the existing table ({@code table}, empty before the first
     * load), which the load applies, and from the table's contract, which is only reported.
     */
    record Drift(Optional<TableState> table, List<SchemaChange> againstTable, List<SchemaChange> againstContract) {
        List<SchemaChange> all() {
            List<SchemaChange> all = new ArrayList<>(againstContract);
            all.addAll(againstTable);
            return all;
        }
    }

    private TargetTable() {}

    /**
     * The schema changes of {@code loaded} against the table and its contract, changing nothing;
     * run before the quality gates, so that a batch of the wrong shape is refused as such.
     *
     * @param tableType the engine's mapping of a contract's SQL type to an Iceberg type
     * @throws WeirException {@code SCHEMA_DRIFT} when a change would break the table's readers or its contract
     */
    static Drift drift(
            TableStore store,
            LoadSpec load,
            TableSchema loaded,
            Optional<ContractSpec> contract,
            Function<String, Optional<String>> tableType) {
        Optional<TableState> table = store.load(load.target());
        Drift drift = new Drift(
                table,
                table.map(t -> SchemaDrift.againstTable(
                                loaded, t.layout().schema(), load.target().toString(), contract))
                        .orElse(List.of()),
                contract.map(c -> SchemaDrift.againstContract(loaded, c, tableType))
                        .orElse(List.of()));
        refuseBreaking(load, drift.all());
        return drift;
    }

    /** The table to load {@code loaded} into: created on the first load, else evolved by the drift's non-breaking changes. */
    static TableState resolve(TableStore store, LoadSpec load, TableSchema loaded, Drift drift) {
        if (drift.table().isEmpty()) {
            return create(store, load, loaded);
        }
        return drift.againstTable().isEmpty()
                ? drift.table().get()
                : store.evolve(drift.table().get(), drift.againstTable());
    }

    private static void refuseBreaking(LoadSpec load, List<SchemaChange> changes) {
        List<SchemaChange> breaking =
                changes.stream().filter(SchemaChange::breaking).toList();
        if (breaking.isEmpty()) {
            return;
        }
        throw WeirException.withHint(
                ErrorCode.SCHEMA_DRIFT,
                "Cannot load into " + load.target() + ": breaking schema change" + (breaking.size() == 1 ? "" : "s")
                        + ": " + breaking.stream().map(SchemaChange::describe).collect(Collectors.joining("; ")),
                "make the last transform stage select the promised columns with their types (CAST), or change the contract and the table"
                        + " with their consumers; a renamed column needs renamed_from in the contract");
    }

    private static TableState create(TableStore store, LoadSpec load, TableSchema loaded) {
        List<Column> columns = new ArrayList<>();
        for (Column c : loaded.columns()) {
            if (!c.hasIcebergType()) {
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        "Cannot create table " + load.target() + ": column '" + c.name() + "' has type " + c.type(),
                        "cast it in the last transform stage to a scalar type (VARCHAR, BIGINT, DOUBLE, DECIMAL, DATE, TIMESTAMP, ...)");
            }
            columns.add(new Column(0, c.name(), c.type(), false));
        }
        for (String key : keyColumns(load)) {
            if (loaded.column(key).isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        "Cannot create table " + load.target() + ": key column '" + key
                                + "' is not among the loaded columns " + loaded.names(),
                        "select it in the last transform stage or fix load.merge_keys / partition_key / clustering_keys");
            }
        }
        return store.createWithFirstCommit(
                load.target(), new TableSchema(columns), load.partitionKey(), sortKeys(load));
    }

    private static List<String> keyColumns(LoadSpec load) {
        List<String> keys = new ArrayList<>(load.mergeKeys());
        keys.addAll(load.clusteringKeys());
        load.partitionKey().ifPresent(p -> keys.add(p.column()));
        return keys;
    }

    private static List<String> sortKeys(LoadSpec load) {
        return load.clusteringKeys().isEmpty() ? load.mergeKeys() : load.clusteringKeys();
    }
}
