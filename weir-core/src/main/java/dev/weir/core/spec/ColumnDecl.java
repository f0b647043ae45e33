package dev.weir.core.spec;

import java.util.Objects;
import java.util.regex.Pattern;

/** A column the user declares for a file source: its name and SQL type (e.g. {@code DECIMAL(10,2)}). */
public record ColumnDecl(String name, String sqlType) {
    private static final Pattern TEXT = Pattern.compile(
            "(?i)\\s*(varchar|text|string|char|bpchar|character varying|character)\\s*(\\(\\s*\\d+\\s*\\))?\\s*");

    public ColumnDecl {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(sqlType, "sqlType is null");
    }

    /** Whether the column is declared as text, whose values compare character by character. */
    public boolean isText() {
        return TEXT.matcher(sqlType).matches();
    }
}
