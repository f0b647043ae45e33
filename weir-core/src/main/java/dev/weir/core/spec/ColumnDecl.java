package dev.weir.core.spec;

import java.util.Objects;

/** A column the user declares for a file source: its name and SQL type (e.g. {@code DECIMAL(10,2)}). */
public record ColumnDecl(String name, String sqlType) {
    public ColumnDecl {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(sqlType, "sqlType is null");
    }
}
