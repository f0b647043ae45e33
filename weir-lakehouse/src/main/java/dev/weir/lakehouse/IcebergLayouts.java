package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.TableLayout;
import dev.weir.core.spi.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Converts table layouts between Weir's records and Iceberg's schema, partition spec and sort order. */
final class IcebergLayouts {
    private IcebergLayouts() {}

    /** An Iceberg schema for {@code schema}; field ids are placeholders that Iceberg reassigns on create. */
    static Schema toSchema(TableId table, TableSchema schema) {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (Column column : schema.columns()) {
            Type type = ColumnTypes.parse(column.type())
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.SPEC_INVALID,
                            "Cannot create table " + table + ": column " + column.name() + " has unknown type '"
                                    + column.type() + "'",
                            "use one of " + ColumnTypes.SUPPORTED));
            fields.add(
                    column.required()
                            ? Types.NestedField.required(id++, column.name(), type)
                            : Types.NestedField.optional(id++, column.name(), type));
        }
        return new Schema(fields);
    }

    static PartitionSpec toPartitionSpec(TableId table, Schema schema, Optional<PartitionField> partition) {
        if (partition.isEmpty()) {
            return PartitionSpec.unpartitioned();
        }
        PartitionField field = partition.get();
        requireColumn(table, schema, field.column(), "partition");
        PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
        try {
            switch (field.transform()) {
                case IDENTITY -> builder.identity(field.column());
                case YEAR -> builder.year(field.column());
                case MONTH -> builder.month(field.column());
                case DAY -> builder.day(field.column());
                case HOUR -> builder.hour(field.column());
            }
            return builder.build();
        } catch (ValidationException | IllegalArgumentException e) {
            throw WeirException.withHint(
                    ErrorCode.SPEC_INVALID,
                    "Cannot create table " + table + ": cannot partition by " + field + ": " + e.getMessage(),
                    "year, month and day need a date or timestamp column, hour a timestamp column");
        }
    }

    static SortOrder toSortOrder(TableId table, Schema schema, List<String> sortKeys) {
        if (sortKeys.isEmpty()) {
            return SortOrder.unsorted();
        }
        SortOrder.Builder builder = SortOrder.builderFor(schema);
        for (String key : sortKeys) {
            requireColumn(table, schema, key, "sort key");
            builder.asc(key);
        }
        return builder.build();
    }

    /**
     * The layout of {@code table} as Weir sees it.
     *
     * @throws WeirException {@code UNSUPPORTED_TABLE} when the table uses types, partitioning or
     *     sorting that Weir cannot write
     */
    static TableLayout layoutOf(TableId id, Table table) {
        Schema schema = table.schema();
        List<Column> columns = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            String type = ColumnTypes.render(field.type())
                    .orElseThrow(() -> unsupported(id, "column " + field.name() + " has type " + field.type()));
            columns.add(new Column(field.fieldId(), field.name(), type, field.isRequired()));
        }
        return new TableLayout(new TableSchema(columns), partitionOf(id, table), sortKeysOf(id, table));
    }

    private static Optional<PartitionField> partitionOf(TableId id, Table table) {
        PartitionSpec spec = table.spec();
        if (spec.isUnpartitioned()) {
            return Optional.empty();
        }
        if (spec.fields().size() > 1) {
            throw unsupported(id, "it is partitioned by " + spec.fields().size() + " fields (Weir supports one)");
        }
        org.apache.iceberg.PartitionField field = spec.fields().get(0);
        String column = table.schema().findColumnName(field.sourceId());
        String transform = field.transform().toString();
        for (PartitionField.Transform candidate : PartitionField.Transform.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(transform)) {
                return Optional.of(new PartitionField(column, candidate));
            }
        }
        throw unsupported(id, "it is partitioned by " + transform + "(" + column + ")");
    }

    private static List<String> sortKeysOf(TableId id, Table table) {
        List<String> keys = new ArrayList<>();
        for (SortField field : table.sortOrder().fields()) {
            String column = table.schema().findColumnName(field.sourceId());
            if (!field.transform().isIdentity() || field.direction() != SortDirection.ASC) {
                throw unsupported(id, "it is sorted by " + field.transform() + "(" + column + ") " + field.direction());
            }
            keys.add(column);
        }
        return keys;
    }

    private static void requireColumn(TableId table, Schema schema, String column, String role) {
        if (schema.findField(column) == null) {
            throw WeirException.withHint(
                    ErrorCode.SPEC_INVALID,
                    "Cannot create table " + table + ": " + role + " '" + column + "' is not a column of the table",
                    "use one of "
                            + String.join(
                                    ", ",
                                    schema.columns().stream()
                                            .map(Types.NestedField::name)
                                            .toList()));
        }
    }

    private static WeirException unsupported(TableId id, String reason) {
        return WeirException.withHint(
                ErrorCode.UNSUPPORTED_TABLE,
                "Cannot use table " + id + ": " + reason + ", which Weir does not support",
                "load the data into a new table created by Weir");
    }
}
