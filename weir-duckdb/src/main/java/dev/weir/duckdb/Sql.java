package dev.weir.duckdb;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting of identifiers and literals for generated DuckDB SQL. */
final class Sql {
    private Sql() {}

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** A relation named in an engine call: {@code namespace.table} for a Weir table, else a session relation. */
    static String relation(String name) {
        return dev.weir.core.spec.TableId.isValid(name) ? table(dev.weir.core.spec.TableId.parse(name)) : ident(name);
    }

    static String table(dev.weir.core.spec.TableId id) {
        return ident(id.namespace()) + "." + ident(id.name());
    }

    /** {@code ['a', 'b']}: a DuckDB list of string literals. */
    static String stringList(List<String> values) {
        return values.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    static String identList(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    /** {@code l."k1" = r."k1" AND l."k2" = r."k2"}. */
    static String keyJoin(String left, String right, List<String> keys) {
        return keys.stream()
                .map(k -> left + "." + ident(k) + " = " + right + "." + ident(k))
                .collect(Collectors.joining(" AND "));
    }
}
