package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import dev.weir.core.spec.SqlOrigin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds each character of SQL written inline in a pipeline file in the file's text. YAML's block
 * (|), folded (>), plain and quoted styles turn line breaks and indentation into other whitespace
 * and escape quotes, so the value is walked along the text: a run of whitespace in the SQL matches
 * a run of whitespace in the file, anything else the same character (or its escape).
 */
final class InlineSqlOrigin {
    private final String text;
    private final int[] lineStarts;

    /** @param text the pipeline file's text, as read */
    InlineSqlOrigin(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The origin of {@code sql}, the value whose first character (or style indicator, or opening
     * quote) is at {@code value}; only {@code value} itself when the SQL cannot be found there, as
     * after a {@code ${env:...}} substitution.
     */
    SqlOrigin of(Location value, String sql) {
        Location start = new Location(value.file(), value.line(), value.column(), "");
        if (value.line() < 1 || value.line() > lineStarts.length) {
            return SqlOrigin.at(start);
        }
        int at = lineStarts[value.line() - 1] + value.column() - 1;
        return walk(at, sql).map(anchors -> new SqlOrigin(start, anchors)).orElseGet(() -> SqlOrigin.at(start));
    }

    private Optional<List<SqlOrigin.Anchor>> walk(int at, String sql) {
        if (at >= text.length()) {
            return Optional.empty();
        }
        char style = text.charAt(at);
        char quote = style == '"' || style == '\'' ? style : 0;
        int r = at;
        if (style == '|' || style == '>') {
            // the header line holds the indicators; the value starts on the next line
            r = text.indexOf('\n', at);
            if (r < 0) {
                return Optional.empty();
            }
            r++;
            if (!sql.isEmpty() && !isWhitespace(sql.charAt(0))) {
                r = skipWhitespace(r, quote);
            }
        } else if (quote != 0) {
            r++;
        }
        List<SqlOrigin.Anchor> anchors = new ArrayList<>();
        int shift = Integer.MIN_VALUE;
        int line = -1;
        int i = 0;
        while (i < sql.length()) {
            if (isWhitespace(sql.charAt(i))) {
                while (i < sql.length() && isWhitespace(sql.charAt(i))) {
                    i++;
                }
                int before = r;
                r = skipWhitespace(r, quote);
                if (r == before && i < sql.length()) {
                    return Optional.empty();
                }
                continue;
            }
            int length = match(sql.charAt(i), r, quote);
            if (length == 0) {
                return Optional.empty();
            }
            int lineIndex = lineIndex(r);
            if (r - i != shift || lineIndex != line) {
                anchors.add(new SqlOrigin.Anchor(i, lineIndex + 1, r - lineStarts[lineIndex] + 1));
                shift = r - i;
                line = lineIndex;
            }
            r += length;
            i++;
        }
        return Optional.of(anchors);
    }

    /** How many characters of the file at {@code r} stand for {@code c}; 0 when they do not. */
    private int match(char c, int r, char quote) {
        if (r >= text.length()) {
            return 0;
        }
        char written = text.charAt(r);
        if (quote == '\'' && c == '\'') {
            return text.startsWith("''", r) ? 2 : 0;
        }
        if (quote == '"' && written == '\\') {
            return escapeLength(r);
        }
        return written == c ? 1 : 0;
    }

    private int escapeLength(int r) {
        if (r + 1 >= text.length()) {
            return 0;
        }
        return switch (text.charAt(r + 1)) {
            case 'x' -> 4;
            case 'u' -> 6;
            case 'U' -> 10;
            default -> 2;
        };
    }

    /** The index past the whitespace at {@code r}, counting escaped whitespace in double quotes. */
    private int skipWhitespace(int r, char quote) {
        while (r < text.length()) {
            if (isWhitespace(text.charAt(r))) {
                r++;
            } else if (quote == '"'
                    && r + 1 < text.length()
                    && text.charAt(r) == '\\'
                    && "ntr \n".indexOf(text.charAt(r + 1)) >= 0) {
                r += 2;
            } else {
                break;
            }
        }
        return r;
    }

    private int lineIndex(int r) {
        int found = Arrays.binarySearch(lineStarts, r);
        return found >= 0 ? found : -found - 2;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
