package dev.weir.core.spi;

import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run reads from its source, before any filtering on the incremental key. An engine
 * stages a batch as the relation {@code source}.
 */
public sealed interface Batch {
    /** Files to read, all in one format. {@code columns}, when not empty, fixes the columns and their types. */
    record Files(List<SourceFile> files, FileFormat format, CsvOptions csv, List<ColumnDecl> columns) implements Batch {
        public Files {
            files = List.copyOf(files);
            Objects.requireNonNull(format, "format is null");
            Objects.requireNonNull(csv, "csv is null");
            columns = List.copyOf(columns);
        }
    }

    /** The current state of a Weir table. */
    record Table(TableId table) implements Batch {
        public Table {
            Objects.requireNonNull(table, "table is null");
        }
    }

    /** Rows a source wrote itself into its scratch directory, as Parquet files; {@code description} names them in messages. */
    record Rows(List<java.nio.file.Path> parquetFiles, String description) implements Batch {
        public Rows {
            parquetFiles = List.copyOf(parquetFiles);
            Objects.requireNonNull(description, "description is null");
        }
    }

    /**
     * Rows a source reads and converts itself, in {@code columns} (Iceberg types, see {@link Column}),
     * handed to the engine record by record through {@code reader}, together with the records that
     * could not be converted. {@code description} names the input in messages.
     */
    record Records(List<Column> columns, RecordReader reader, String description) implements Batch {
        public Records {
            columns = List.copyOf(columns);
            Objects.requireNonNull(reader, "reader is null");
            Objects.requireNonNull(description, "description is null");
        }
    }

    /**
     * Keeps only rows whose {@code column} is greater than {@code after} (the last watermark),
     * compared in {@code type} (an SQL type such as {@code timestamp} or {@code decimal(18,2)}, the
     * column converted to it) or, when empty, in the column's own type, which must not be text. A
     * row whose key is NULL or does not convert is a reject, never staged and never compared.
     * With a {@code window} (a backfill chunk) it keeps instead the rows whose key lies in it, and
     * rows without a valid key belong to no window: they are left out, not rejected.
     */
    record KeyFilter(String column, Optional<String> after, Optional<String> type, Optional<KeyWindow> window) {
        /** The check name of a row rejected for its key, in a relation of rejects. */
        public static final String CHECK = "incremental_key";

        public KeyFilter {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(after, "after is null");
            Objects.requireNonNull(type, "type is null");
            Objects.requireNonNull(window, "window is null");
            if (after.isPresent() && window.isPresent()) {
                throw new IllegalArgumentException("A key filter keeps rows past a watermark or in a window, not both");
            }
        }

        /** Keeps the rows past {@code after}. */
        public KeyFilter(String column, Optional<String> after, Optional<String> type) {
            this(column, after, type, Optional.empty());
        }

        /** Keeps the rows whose key lies in {@code window}. */
        public static KeyFilter within(String column, Optional<String> type, KeyWindow window) {
            return new KeyFilter(column, Optional.empty(), type, Optional.of(window));
        }
    }
}
