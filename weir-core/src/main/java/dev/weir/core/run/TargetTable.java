package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a pipeline's target table, creating it from the loaded relation's columns on first load,
 * and checks that the relation fits it. Until contracts bring schema evolution, a relation must
 * have exactly the table's columns.
 */
final class TargetTable {
    private TargetTable() {}

    static TableState resolve(TableStore store, LoadSpec load, TableSchema loaded) {
        Optional<TableState> existing = store.load(load.target());
        if (existing.isPresent()) {
            checkFits(existing.get(), loaded);
            return existing.get();
        }
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

    private static void checkFits(TableState table, TableSchema loaded) {
        List<String> tableColumns = table.layout().schema().names();
        List<String> relationColumns = loaded.names();
        List<String> missing = tableColumns.stream().filter(c -> !relationColumns.contains(c)).toList();
        List<String> extra = relationColumns.stream().filter(c -> !tableColumns.contains(c)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder what = new StringBuilder();
            if (!missing.isEmpty()) {
                what.append("missing ").append(missing);
            }
            if (!extra.isEmpty()) {
                what.append(what.length() > 0 ? ", " : "").append("not in the table ").append(extra);
            }
            throw WeirException.withHint(ErrorCode.LOAD_REJECTED,
                    "Cannot load into " + table.id() + ": the loaded columns do not match the table (" + what + ")",
                    "make the last transform stage select exactly " + tableColumns);
        }
    }
}
