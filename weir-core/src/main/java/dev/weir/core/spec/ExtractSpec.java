package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code extract:} section. {@code sourceSystem} is {@code files} (then {@code connection} is
 * a path or glob relative to the project) or {@code weir} (then {@code connection} names a Weir
 * table; {@code format} is empty). Incremental extraction uses either {@code incrementalKey} (rows whose key is greater
 * than the last watermark) or {@code newFiles} (files not loaded before), never both.
 */
public record ExtractSpec(
        String sourceSystem,
        String connection,
        Optional<FileFormat> format,
        CsvOptions csv,
        List<ColumnDecl> columns,
        ExtractStrategy strategy,
        Optional<String> incrementalKey,
        boolean newFiles) {
    public static final String FILES = "files";
    public static final String WEIR = "weir";

    public ExtractSpec {
        Objects.requireNonNull(sourceSystem, "sourceSystem is null");
        Objects.requireNonNull(connection, "connection is null");
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(csv, "csv is null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(strategy, "strategy is null");
        Objects.requireNonNull(incrementalKey, "incrementalKey is null");
        if (strategy == ExtractStrategy.INCREMENTAL && incrementalKey.isPresent() == newFiles) {
            throw new IllegalArgumentException("incremental extract needs exactly one of incremental_key, new_files");
        }
    }

    public boolean readsWeirTable() {
        return WEIR.equals(sourceSystem);
    }
}
