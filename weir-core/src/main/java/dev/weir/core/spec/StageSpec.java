package dev.weir.core.spec;

import java.util.Objects;

/** One SQL transform stage. Its SQL reads {@code source}, earlier stages by name and Weir tables. */
public record StageSpec(String name, String sql) {
    public StageSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(sql, "sql is null");
    }
}
