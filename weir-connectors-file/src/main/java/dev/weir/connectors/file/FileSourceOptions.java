package dev.weir.connectors.file;

import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.SourceOptions;
import java.util.List;
import java.util.Objects;

/**
 * A file source's settings: the files' format, CSV options, declared columns (which fix the
 * columns and their types when not empty), whether columns found in CSV headers but not declared
 * are kept as text ({@code extra_columns: keep}), whether a CSV file whose header lacks a
 * {@code NOT NULL} column fails the run rather than making each of its records a reject
 * ({@code missing_columns: fail}), whether each file is loaded once
 * ({@code new_files}), and whether a path or glob that matches no file at all fails the run
 * ({@code require_files}).
 */
public record FileSourceOptions(
        FileFormat format,
        CsvOptions csv,
        List<DeclaredColumn> columns,
        boolean keepExtraColumns,
        boolean failOnMissingColumns,
        boolean newFiles,
        boolean requireFiles)
        implements SourceOptions {
    public FileSourceOptions {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(csv, "csv is null");
        columns = List.copyOf(columns);
    }
}
