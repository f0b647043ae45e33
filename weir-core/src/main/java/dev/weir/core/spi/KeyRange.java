package dev.weir.core.spi;

import java.util.Objects;

/**
 * The inclusive range {@code [min, max]} of one column's values in a batch, rendered as strings
 * (ISO-8601 for dates and times), used to prune files whose bounds cannot match.
 */
public record KeyRange(String column, String min, String max) {
    public KeyRange {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(min, "min is null");
        Objects.requireNonNull(max, "max is null");
    }
}
