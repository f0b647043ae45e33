package dev.weir.core.spec;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A partition field: a column and a transform, written {@code day(order_date)} or {@code region}. */
public record PartitionField(String column, Transform transform) {
    private static final Pattern SYNTAX =
            Pattern.compile("\\s*(?:([a-z]+)\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)|([A-Za-z_][A-Za-z0-9_]*))\\s*");

    /** Partition transforms, as Iceberg defines them. */
    public enum Transform {
        IDENTITY,
        YEAR,
        MONTH,
        DAY,
        HOUR
    }

    public PartitionField {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(transform, "transform is null");
    }

    /** Parses {@code day(col)}, {@code month(col)}, {@code year(col)}, {@code hour(col)} or {@code col}. */
    public static PartitionField parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid partition key: '" + text + "'");
        }
        if (m.group(3) != null) {
            return new PartitionField(m.group(3), Transform.IDENTITY);
        }
        String fn = m.group(1).toUpperCase(Locale.ROOT);
        for (Transform t : Transform.values()) {
            if (t != Transform.IDENTITY && t.name().equals(fn)) {
                return new PartitionField(m.group(2), t);
            }
        }
        throw new IllegalArgumentException("Invalid partition transform: '" + m.group(1) + "'");
    }

    @Override
    public String toString() {
        return transform == Transform.IDENTITY
                ? column
                : transform.name().toLowerCase(Locale.ROOT) + "(" + column + ")";
    }
}
