package dev.weir.core.schema;

import dev.weir.core.spec.ContractColumn;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.MetadataColumn;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.VanishedRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Classifies how the columns a run loads differ from its target table and from the table's
 * contract. Against the table: a new column is added, a safely wider type widens the column, a
 * narrower one that the table's type holds is loaded as it is (the writer casts), a contract
 * column renamed from a table column is renamed; a column missing or a type that cannot be
 * promoted is breaking. Against the contract: a promised column missing, or a type the promised
 * one does not hold, is breaking; a column the contract does not declare is added (and reported),
 * unless Weir adds it itself.
 */
public final class SchemaDrift {
    private SchemaDrift() {}

    /** Changes of {@code loaded} against the existing {@code table}, named {@code tableName} in messages. */
    public static List<SchemaChange> againstTable(
            TableSchema loaded, TableSchema table, String tableName, Optional<ContractSpec> contract) {
        String against = "table " + tableName;
        List<SchemaChange> changes = new ArrayList<>();
        List<String> renamedFrom = new ArrayList<>();
        for (Column column : loaded.columns()) {
            Optional<Column> existing = table.column(column.name());
            if (existing.isPresent()) {
                String from = existing.get().type();
                if (!TypePromotions.canPromote(column.type(), from)) {
                    changes.add(new SchemaChange(
                            TypePromotions.canPromote(from, column.type())
                                    ? SchemaChange.Kind.WIDENED
                                    : SchemaChange.Kind.TYPE_CHANGED,
                            column.name(),
                            from,
                            column.type(),
                            against));
                }
                continue;
            }
            Optional<String> oldName = contract.flatMap(c -> c.column(column.name()))
                    .flatMap(ContractColumn::renamedFrom)
                    .filter(old ->
                            table.column(old).isPresent() && loaded.column(old).isEmpty());
            if (oldName.isPresent()) {
                renamedFrom.add(oldName.get());
                changes.add(new SchemaChange(
                        SchemaChange.Kind.RENAMED, column.name(), oldName.get(), column.name(), against));
            } else {
                changes.add(new SchemaChange(SchemaChange.Kind.ADDED, column.name(), "", column.type(), against));
            }
        }
        for (Column column : table.columns()) {
            if (loaded.column(column.name()).isEmpty() && !renamedFrom.contains(column.name())) {
                changes.add(new SchemaChange(SchemaChange.Kind.REMOVED, column.name(), column.type(), "", against));
            }
        }
        return changes;
    }

    /**
     * Changes of {@code loaded} against what {@code contract} promises. {@code tableType} turns a
     * contract's SQL type into an Iceberg type name (empty when the engine does not know it).
     */
    public static List<SchemaChange> againstContract(
            TableSchema loaded, ContractSpec contract, Function<String, Optional<String>> tableType) {
        String against = "contract " + contract.name();
        List<SchemaChange> changes = new ArrayList<>();
        for (ContractColumn promised : contract.columns()) {
            Optional<Column> column = loaded.column(promised.name());
            String promisedType = tableType.apply(promised.type()).orElse(promised.type());
            if (column.isEmpty()) {
                changes.add(new SchemaChange(SchemaChange.Kind.REMOVED, promised.name(), promisedType, "", against));
            } else if (!TypePromotions.canPromote(column.get().type(), promisedType)) {
                changes.add(new SchemaChange(
                        SchemaChange.Kind.TYPE_CHANGED,
                        promised.name(),
                        promisedType,
                        column.get().type(),
                        against));
            }
        }
        for (Column column : loaded.columns()) {
            if (contract.column(column.name()).isEmpty() && !addedByWeir(column.name())) {
                changes.add(new SchemaChange(SchemaChange.Kind.ADDED, column.name(), "", column.type(), against));
            }
        }
        return changes;
    }

    /** The columns Weir adds to a table itself (load.metadata_columns, soft deletes): a contract need not declare them. */
    private static boolean addedByWeir(String column) {
        return column.startsWith(MetadataColumn.PREFIX) || column.equals(VanishedRows.DELETED_AT);
    }
}
