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
    /** The table to load into, and the schema changes found: applied to the table, or only reported (against the contract). */
    record Resolved(TableState state, List<SchemaChange> changes) {}

    private TargetTable() {}

    /**
     * @param tableType the engine's mapping of a contract's SQL type to an Iceberg type
     * @throws WeirException {@code SCHEMA_DRIFT} when a change would break the table's readers or its contract
     */
    static Resolved resolve(TableStore store, LoadSpec load, TableSchema loaded, Optional<ContractSpec> contract,
            Function<String, Optional<String>> tableType) {
        List<SchemaChange> changes = drift(store, load, loaded, contract, tableType);
        Optional<TableState> existing = store.load(load.target());
        if (existing.isEmpty()) {
            return new Resolved(create(store, load, loaded), changes);
        }
        List<SchemaChange> evolutions = changes.stream().filter(c -> c.against().startsWith("table ")).toList();
        TableState state = evolutions.isEmpty() ? existing.get() : store.evolve(existing.get(), evolutions);
        return new Resolved(state, changes);
    }

    /**
     * The schema changes of {@code loaded} against the table and its contract, changing nothing;
     * run before the quality gates, so that a batch of the wrong shape is refused as such.
     *
     * @throws WeirException {@code SCHEMA_DRIFT} when a change would break the table's readers or its contract
     */
    static List<SchemaChange> drift(TableStore store, LoadSpec load, TableSchema loaded, Optional<ContractSpec> contract,
            Function<String, Optional<String>> tableType) {
        List<SchemaChange> changes = new ArrayList<>();
        contract.ifPresent(c -> changes.addAll(SchemaDrift.againstContract(loaded, c, tableType)));
        store.load(load.target()).ifPresent(table ->
                changes.addAll(SchemaDrift.againstTable(loaded, table.layout().schema(), load.target().toString(), contract)));
        refuseBreaking(load, changes);
        return changes;
    }

    private static void refuseBreaking(LoadSpec load, List<SchemaChange> changes) {
        List<SchemaChange> breaking = changes.stream().filter(SchemaChange::breaking).toList();
        if (breaking.isEmpty()) {
            return;
        }
        throw WeirException.withHint(ErrorCode.SCHEMA_DRIFT, "Cannot load into " + load.target() + ": breaking schema change"
                        + (breaking.size() == 1 ? "" : "s") + ": " + breaking.stream().map(SchemaChange::describe).collect(Collectors.joining("; ")),
                "make the last transform stage select the promised columns with their types (CAST), or change the contract and the table"
                        + " with their consumers; a renamed column needs renamed_from in the contract");
    }

    private static TableState create(TableStore store, LoadSpec load, TableSchema loaded) {
        List<Column> columns = new ArrayList<>();
        for (Column c : loaded.columns()) {
            if (!c.hasIcebergType()) {
                throw WeirException.withHint(ErrorCode.LOAD_REJECTED,
                        "Cannot create table " + load.target() + ": column '" + c.name() + "' has type " + c.type(),
                        "cast it in the last transform stage to a scalar type (VARCHAR, BIGINT, DOUBLE, DECIMAL, DATE, TIMESTAMP, ...)");
            }
            columns.add(new Column(0, c.name(), c.type(), false));
        }
        for (String key : keyColumns(load)) {
            if (loaded.column(key).isEmpty()) {
                throw WeirException.withHint(ErrorCode.LOAD_REJECTED,
                        "Cannot create table " + load.target() + ": key column '" + key + "' is not among the loaded columns " + loaded.names(),
                        "select it in the last transform stage or fix load.merge_keys / partition_key / clustering_keys");
            }
        }
        return store.createWithFirstCommit(load.target(), new TableSchema(columns), load.partitionKey(), sortKeys(load));
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
