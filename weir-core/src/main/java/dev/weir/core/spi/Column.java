package dev.weir.core.spi;

import java.util.Objects;

/**
 * A table column. {@code id} is the Iceberg field id (0 before the table assigns one);
 * {@code type} is an Iceberg primitive type name: boolean, int, long, float, double,
 * decimal(P,S), date, time, timestamp, timestamptz, string, uuid, binary.
 */
public record Column(int id, String name, String type, boolean required) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}
