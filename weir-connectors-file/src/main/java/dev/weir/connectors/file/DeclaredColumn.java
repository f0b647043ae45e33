package dev.weir.connectors.file;

import dev.weir.core.spi.SourceSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column declared in {@code extract.columns}, as {@code name: TYPE [NOT NULL] [FORMAT 'pattern']}:
 * what it is converted to, whether a record without a value is a reject, and the pattern of its
 * dates or times when they are not ISO 8601. An enum's values are quoted as SQL quotes text:
 * {@code status: ENUM('placed','shipped') NOT NULL}.
 */
public record DeclaredColumn(String name, ColumnType type, boolean required, Optional<String> format) {
    private static final Pattern DECLARATION =
            Pattern.compile("(?i)^\\s*(.+?)(\\s+NOT\\s+NULL)?(?:\\s+FORMAT\\s+'([^']*)')?(\\s+NOT\\s+NULL)?\\s*$");

    public DeclaredColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(format, "format is null");
    }

    /** A nullable text column, as undeclared CSV columns are read. */
    public static DeclaredColumn text(String name) {
        return new DeclaredColumn(name, ColumnType.TEXT, false, Optional.empty());
    }

    /**
     * The columns declared in {@code extract.columns}, in order; empty, with a problem reported on the
     * key for each declaration that cannot be read, when one cannot. {@code example} ends the hint.
     */
    public static Optional<List<DeclaredColumn>> declaredIn(SourceSection extract, String example) {
        List<DeclaredColumn> columns = new ArrayList<>();
        boolean valid = true;
        for (Map.Entry<String, String> e : extract.pairs("columns").entrySet()) {
            try {
                columns.add(parse(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException problem) {
                extract.problem(
                        "columns",
                        problem.getMessage(),
                        "declare each column as 'name: TYPE [NOT NULL] [FORMAT 'pattern']'" + example);
                valid = false;
            }
        }
        return valid ? Optional.of(columns) : Optional.empty();
    }

    /**
     * Reads a declaration; a problem is an {@link IllegalArgumentException} whose message says what is
     * wrong, for the spec error.
     */
    public static DeclaredColumn parse(String name, String declaration) {
        Matcher m = DECLARATION.matcher(declaration);
        if (!m.matches()) {
            throw new IllegalArgumentException("Cannot read the declaration '" + declaration + "' of column '" + name
                    + "': write TYPE [NOT NULL] [FORMAT 'pattern']");
        }
        ColumnType type = ColumnType.isEnum(m.group(1))
                ? ColumnType.parseEnum(name, m.group(1))
                : ColumnType.parse(m.group(1))
                        .orElseThrow(() -> new IllegalArgumentException("Unknown type '"
                                + m.group(1).trim() + "' for column '" + name + "': use one of " + ColumnType.KNOWN));
        Optional<String> format = Optional.ofNullable(m.group(3));
        if (format.isPresent()) {
            if (!type.takesFormat()) {
                throw new IllegalArgumentException("Column '" + name + "' is " + type
                        + ": FORMAT only applies to DATE, TIME, TIMESTAMP and TIMESTAMPTZ columns");
            }
            ValueConverter.checkPattern(name, format.get());
        }
        return new DeclaredColumn(name, type, m.group(2) != null || m.group(4) != null, format);
    }
}
