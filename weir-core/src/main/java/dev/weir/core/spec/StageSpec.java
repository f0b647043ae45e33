package dev.weir.core.spec;

import java.util.Objects;

/**
 * One SQL transform stage. Its SQL reads {@code source}, earlier stages by name and Weir tables;
 * {@code origin} says where it was written, for errors.
 */
public record StageSpec(String name, String sql, SqlOrigin origin) {
    public StageSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(origin, "origin is null");
    }
}
