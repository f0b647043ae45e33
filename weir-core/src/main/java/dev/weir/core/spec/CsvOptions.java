package dev.weir.core.spec;

import java.util.Objects;

/** How CSV files are parsed. Defaults: header row, comma, double quote, UTF-8 (a BOM is skipped). */
public record CsvOptions(boolean header, String delimiter, String quote, String escape, String encoding) {
    public static final CsvOptions DEFAULTS = new CsvOptions(true, ",", "\"", "\"", "utf-8");

    public CsvOptions {
        Objects.requireNonNull(delimiter, "delimiter is null");
        Objects.requireNonNull(quote, "quote is null");
        Objects.requireNonNull(escape, "escape is null");
        Objects.requireNonNull(encoding, "encoding is null");
    }
}
