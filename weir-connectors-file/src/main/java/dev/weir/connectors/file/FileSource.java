package dev.weir.connectors.file;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.FileSet;
import dev.weir.core.spi.KeyWatermark;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads CSV, JSON-lines or Parquet files named by a path or glob relative to the project root.
 * In new-files mode a batch holds only files not loaded before, sorted by path. CSV columns are
 * matched by header name in each file, JSON-lines columns by key; undeclared ones, when kept, are text. The position is the set of files loaded (new-files mode) or the key watermark (incremental on a key).
 */
final class FileSource implements Source {
    private final Path projectRoot;
    private final String connection;
    private final FileSourceOptions options;
    private final Optional<String> keyColumn;
    private final Optional<String> keyType;
    private final GlobMatcher matcher;
    private final CsvHeaders headers = new CsvHeaders();

    FileSource(
            Path projectRoot,
            String connection,
            FileSourceOptions options,
            Optional<String> keyColumn,
            Optional<String> keyType) {
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot is null")
                .toAbsolutePath()
                .normalize();
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.keyColumn = Objects.requireNonNull(keyColumn, "keyColumn is null");
        this.keyType = Objects.requireNonNull(keyType, "keyType is null");
        this.matcher = new GlobMatcher(this.projectRoot, connection);
    }

    @Override
    public SourceBatch open(Optional<Position> previous) {
        FileSet loaded = FileSet.of(previous);
        List<SourceFile> matched;
        try {
            matched = matcher.matches().stream().map(this::describe).toList();
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot list files matching '" + connection + "': " + e.getMessage(),
                    null,
                    "check that the directory exists and is readable",
                    e);
        }
        if (matched.isEmpty() && (!options.newFiles() || options.requireFiles())) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot extract: no file matches '" + connection + "' under " + projectRoot,
                    "check extract.connection (a path or glob relative to the project root)");
        }
        // a feed that has not delivered yet, or a mistyped glob: never silent (require_files: true fails the run)
        List<String> warnings =
                matched.isEmpty() ? List.of("No file matches '" + connection + "': nothing to load") : List.of();
        List<SourceFile> files = matched.stream()
                .filter(f -> !options.newFiles() || !loaded.files().contains(f.relativePath()))
                .toList();
        Batch batch = batch(files);
        if (batch instanceof Batch.Records records && records.columns().isEmpty() && !files.isEmpty()) {
            // no header to take a column from: nothing to load; not marked loaded either, since a
            // file still being written may be empty when listed
            List<String> all = new ArrayList<>(warnings);
            all.add(files.stream().map(SourceFile::relativePath).collect(Collectors.joining(", "))
                    + ": empty, without even a header row: nothing to load; read again once "
                    + (files.size() == 1 ? "it has" : "they have") + " one");
            return new SourceBatch(batch, Optional.empty(), BatchEnd.none(), true, all);
        }
        if (options.newFiles()) {
            Position end = loaded.with(
                            files.stream().map(SourceFile::relativePath).toList())
                    .toPosition();
            return new SourceBatch(batch, Optional.empty(), BatchEnd.at(end), files.isEmpty(), warnings);
        }
        if (keyColumn.isPresent()) {
            Batch.KeyFilter filter = KeyWatermark.filter(previous, keyColumn.get(), keyType);
            return new SourceBatch(batch, Optional.of(filter), KeyWatermark.end(previous, filter), false);
        }
        return new SourceBatch(batch, Optional.empty(), BatchEnd.none(), false);
    }

    /**
     * CSV, and JSON lines with declared columns, are read and converted here, record by record, so
     * that every value that does not convert is a reject with its reason, text and line; Parquet,
     * typed already, and undeclared JSON lines, typed by inference, are the engine's to read.
     */
    private Batch batch(List<SourceFile> files) {
        String description = "files matching '" + connection + "'";
        if (options.format() == FileFormat.CSV) {
            List<DeclaredColumn> columns = csvColumns(files);
            return new Batch.Records(
                    columns(columns),
                    new CsvRecordReader(files, options.csv(), columns, options.failOnMissingColumns()),
                    description);
        }
        if (options.format() == FileFormat.JSONL && !options.columns().isEmpty()) {
            List<DeclaredColumn> columns = jsonColumns(files);
            return new Batch.Records(columns(columns), new JsonLinesRecordReader(files, columns), description);
        }
        return new Batch.Files(files, options.format(), options.csv(), List.of());
    }

    /** The declared columns, then as text the header columns nobody declared when they are kept (or none are declared). */
    private List<DeclaredColumn> csvColumns(List<SourceFile> files) {
        if (!options.csv().header() || !options.columns().isEmpty() && !options.keepExtraColumns()) {
            return options.columns();
        }
        List<DeclaredColumn> columns = new ArrayList<>(options.columns());
        headers.namesBeyond(
                        files,
                        options.csv(),
                        options.columns().stream().map(DeclaredColumn::name).toList())
                .forEach(name -> columns.add(DeclaredColumn.text(name)));
        return columns;
    }

    /** The declared columns, then as text the keys nobody declared when they are kept. */
    private List<DeclaredColumn> jsonColumns(List<SourceFile> files) {
        if (!options.keepExtraColumns()) {
            return options.columns();
        }
        List<DeclaredColumn> columns = new ArrayList<>(options.columns());
        new JsonLinesKeys()
                .namesBeyond(
                        files,
                        options.columns().stream().map(DeclaredColumn::name).toList())
                .forEach(name -> columns.add(DeclaredColumn.text(name)));
        return columns;
    }

    private static List<Column> columns(List<DeclaredColumn> declared) {
        return declared.stream()
                .map(c -> new Column(0, c.name(), c.type().icebergName(), c.required()))
                .toList();
    }

    private SourceFile describe(Path path) {
        try {
            return new SourceFile(path, projectRoot.relativize(path).toString().replace('\\', '/'), Files.size(path));
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.SOURCE_UNAVAILABLE, "Cannot read " + path + ": " + e.getMessage(), null, null, e);
        }
    }
}
