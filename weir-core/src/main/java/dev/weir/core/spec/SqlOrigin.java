package dev.weir.core.spec;

import dev.weir.core.error.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a stage's SQL was written, character by character, so that an error an engine reports at
 * an offset of the SQL names the user's file, line and column: its own file for {@code sql_file},
 * the pipeline file for inline {@code sql}.
 *
 * @param start where the SQL is as a whole: the SQL file, or the inline value's first character
 * @param anchors where the characters are, in ascending offset: from an anchor's offset up to the
 *     next anchor's, characters follow each other on the anchor's line; empty when only
 *     {@code start} is known
 */
public record SqlOrigin(Location start, List<Anchor> anchors) {
    /** The SQL character at {@code offset} is at {@code line}, {@code column} (1-based) of the file. */
    public record Anchor(int offset, int line, int column) {}

    public SqlOrigin {
        Objects.requireNonNull(start, "start is null");
        anchors = List.copyOf(anchors);
    }

    /** SQL that is the whole content of {@code file}: its lines are the file's. */
    public static SqlOrigin ofFile(String file, String sql) {
        List<Anchor> anchors = new ArrayList<>();
        anchors.add(new Anchor(0, 1, 1));
        for (int i = sql.indexOf('\n'); i >= 0; i = sql.indexOf('\n', i + 1)) {
            anchors.add(new Anchor(i + 1, anchors.size() + 1, 1));
        }
        return new SqlOrigin(Location.ofFile(file), anchors);
    }

    /** SQL known to be written at {@code start}, character positions unknown. */
    public static SqlOrigin at(Location start) {
        return new SqlOrigin(start, List.of());
    }

    /** Where the character at {@code offset} was written; {@link #start} when that is not known. */
    public Location locate(OptionalInt offset) {
        if (offset.isEmpty()
                || anchors.isEmpty()
                || offset.getAsInt() < anchors.get(0).offset()) {
            return start;
        }
        Anchor anchor = anchors.get(0);
        for (Anchor a : anchors) {
            if (a.offset() > offset.getAsInt()) {
                break;
            }
            anchor = a;
        }
        return new Location(start.file(), anchor.line(), anchor.column() + offset.getAsInt() - anchor.offset(), "");
    }
}
