package dev.weir.core.plan;

import dev.weir.core.spec.TableId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the Weir tables a piece of SQL reads: {@code namespace.table} names whose namespace is the
 * namespace of a known table. Matching on namespaces (not just on known tables) lets callers report
 * a mistyped table name, while {@code o.order_id} stays a column reference unless {@code o} is a
 * Weir namespace. String literals, quoted identifiers and comments are skipped; a name preceded by
 * a dot ({@code catalog.silver.orders}) belongs to another catalog and is ignored.
 */
public final class TableReferences {
    private final Set<String> namespaces;

    public TableReferences(Set<TableId> known) {
        this.namespaces = known.stream().map(TableId::namespace).collect(Collectors.toUnmodifiableSet());
    }

    /** Table references in {@code sql}, lower-cased, in order of first appearance. */
    public Set<TableId> find(String sql) {
        List<String> tokens = tokens(sql);
        Set<TableId> found = new LinkedHashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            boolean afterDot = i > 0 && tokens.get(i - 1).equals(".");
            String namespace = tokens.get(i);
            String table = tokens.get(i + 2);
            if (!afterDot
                    && tokens.get(i + 1).equals(".")
                    && namespaces.contains(namespace)
                    && TableId.isValid(namespace + "." + table)) {
                found.add(new TableId(namespace, table));
            }
        }
        return found;
    }

    // Identifiers (lower-cased) and dots are kept as tokens; every other lexeme becomes "#".
    private static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
                tokens.add("#");
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && isIdentifierPart(sql.charAt(i))) {
                    i++;
                }
                tokens.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else if (Character.isDigit(c)) {
                while (i < n && (isIdentifierPart(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add("#");
            } else if (c == '.') {
                tokens.add(".");
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    tokens.add("#");
                }
                i++;
            }
        }
        return tokens;
    }

    // A doubled quote inside the literal is an escaped quote, not the end.
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
