package dev.weir.core.run;

/**
 * Quoting for the few SQL fragments the runner writes itself (standard SQL, read by every engine):
 * identifiers in double quotes, text in single quotes.
 */
final class SqlText {
    private SqlText() {}

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
