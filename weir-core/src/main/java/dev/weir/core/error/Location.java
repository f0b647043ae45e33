package dev.weir.core.error;

import java.util.Objects;

/**
 * Where a problem sits in a user's file: {@code file:line:column}, optionally a field path.
 * Line and column are 1-based; 0 means unknown.
 */
public record Location(String file, int line, int column, String field) {
    public Location {
        Objects.requireNonNull(file, "file is null");
        field = field == null ? "" : field;
    }

    public static Location ofFile(String file) {
        return new Location(file, 0, 0, "");
    }

    public static Location ofLine(String file, long line) {
        return new Location(file, (int) line, 0, "");
    }

    /** Renders as {@code file:line:column} (omitting unknown parts), the form editors jump to. */
    public String render() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }
}
