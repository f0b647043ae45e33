package dev.weir.core.spec;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Weir table name, {@code namespace.table}, both lower-case identifiers. */
public record TableId(String namespace, String name) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public TableId {
        Objects.requireNonNull(namespace, "namespace is null");
        Objects.requireNonNull(name, "name is null");
        if (!IDENTIFIER.matcher(namespace).matches()
                || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid table name: " + namespace + "." + name);
        }
    }

    /** True when {@code text} is a well-formed {@code namespace.table}. */
    public static boolean isValid(String text) {
        int dot = text.indexOf('.');
        return dot > 0
                && IDENTIFIER.matcher(text.substring(0, dot)).matches()
                && IDENTIFIER.matcher(text.substring(dot + 1)).matches();
    }

    public static TableId parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("Invalid table name: '" + text + "' (expected namespace.table)");
        }
        int dot = text.indexOf('.');
        return new TableId(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return namespace + "." + name;
    }
}
