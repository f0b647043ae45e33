package dev.weir.core.spi;

import java.util.Objects;

/**
 * A table column. {@code id} is the Iceberg field id (0 before the table assigns one);
 * {@code type} is an Iceberg primitive type name: boolean, int, long, float, double,
 * decimal(P,S), date, time, timestamp, timestamptz, string, uuid, binary.
 */
public record Column(int id, String name, String type, boolean required) {
    private static final String UNSUPPORTED = "unsupported(";

    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }

    /** The type name an engine reports for an engine type that has no Iceberg equivalent. */
    public static String unsupported(String engineType) {
        return UNSUPPORTED + engineType + ")";
    }

    /** False when the column's values cannot be stored in an Iceberg table as they are. */
    public boolean hasIcebergType() {
        return !type.startsWith(UNSUPPORTED);
    }
}
