package dev.weir.connectors.file;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.FileSet;
import dev.weir.core.spi.KeyWatermark;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        GlobMatcher.Matches matches;
        try {
            matches = matcher.matches();
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot list files matching '" + connection + "': "
                            + (e instanceof AccessDeniedException
                                    ? "permission denied on " + e.getMessage()
                                    : e.getMessage()),
                    null,
                    "check that the directory exists and that Weir may read it",
                    e);
        }
        List<SourceFile> matched = matches.files().stream().map(this::describe).toList();
        if (matched.isEmpty() && (!options.newFiles() || options.requireFiles())) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot extract: no file matches '" + connection + "' under " + projectRoot,
                    "check extract.connection (a path or glob relative to the project root)");
        }
        // a feed that has not delivered yet, or a mistyped glob: never silent (require_files: true fails the run)
        List<String> warnings = new ArrayList<>();
        if (matched.isEmpty()) {
            warnings.add("No file matches '" + connection + "': nothing to load");
        }
        for (Path link : matches.danglingLinks()) {
            warnings.add(projectRoot.relativize(link).toString().replace('\\', '/') + " is a symbolic link to "
                    + target(link) + ", which does not exist: not loaded");
        }
        List<SourceFile> files = matched.stream()
                .filter(f -> !options.newFiles() || !loaded.files().contains(f.relativePath()))
                .toList();
        if (options.format() == FileFormat.PARQUET) {
            // as an empty CSV file: not loaded, and not marked loaded either, since it may be being written
            List<SourceFile> empty =
                    files.stream().filter(f -> f.sizeBytes() == 0).toList();
            empty.forEach(
                    f -> warnings.add(f.relativePath() + ": empty: nothing to load; read again once it has data"));
            files = files.stream().filter(f -> f.sizeBytes() > 0).toList();
        }
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
            return new SourceBatch(batch, Optional.of(filter), KeyWatermark.end(previous, filter), false, warnings);
        }
        return new SourceBatch(batch, Optional.empty(), BatchEnd.none(), false, warnings);
    }

    /**
     * CSV, and JSON lines with declared columns, are read and converted here, record by record, so
     * that every value that does not convert is a reject with its reason, text and line; Parquet,
     * typed already, and undeclared JSON lines, typed by inference, are the engine's to read. A
     * file of binary content among text files is one reject, never a header; one the engine would
     * read fails the run, naming it, as the engine cannot set a file aside.
     */
    private Batch batch(List<SourceFile> files) {
        String description = "files matching '" + connection + "'";
        if (options.format() == FileFormat.PARQUET) {
            for (SourceFile file : files) {
                failOn(file, sniff(file, () -> FileContent.notParquet(file)), "");
            }
            return new Batch.Files(files, options.format(), options.csv(), List.of());
        }
        Map<SourceFile, String> notText = new LinkedHashMap<>();
        Map<SourceFile, RecordReject> wholeFileRejects = new LinkedHashMap<>();
        String encoding = options.format() == FileFormat.CSV ? options.csv().encoding() : "utf-8";
        for (SourceFile file : files) {
            sniff(file, () -> FileContent.notText(file, encoding)).ifPresent(why -> {
                notText.put(file, why);
                wholeFileRejects.put(file, RecordOrigins.notText(why, file));
            });
        }
        List<SourceFile> text =
                files.stream().filter(f -> !notText.containsKey(f)).toList();
        if (options.format() == FileFormat.CSV) {
            List<DeclaredColumn> columns = csvColumns(text, notText);
            return new Batch.Records(
                    columns(columns),
                    new CsvRecordReader(
                            files, options.csv(), columns, options.failOnMissingColumns(), wholeFileRejects),
                    description);
        }
        if (!options.columns().isEmpty()) {
            List<DeclaredColumn> columns = jsonColumns(text);
            return new Batch.Records(
                    columns(columns), new JsonLinesRecordReader(files, columns, wholeFileRejects), description);
        }
        for (Map.Entry<SourceFile, String> file : notText.entrySet()) {
            failOn(
                    file.getKey(),
                    Optional.of(file.getValue()),
                    "; or declare extract.columns, so that such a file is quarantined whole under dead-letter");
        }
        return new Batch.Files(files, options.format(), options.csv(), List.of());
    }

    private interface Sniff {
        Optional<String> why() throws IOException;
    }

    private static Optional<String> sniff(SourceFile file, Sniff sniff) {
        try {
            return sniff.why();
        } catch (IOException e) {
            throw TextFiles.unreadable(file, e);
        }
    }

    /** Fails the run on {@code file}, when {@code why} says why it cannot be read as the batch's format. */
    private void failOn(SourceFile file, Optional<String> why, String moreHint) {
        if (why.isPresent()) {
            throw new WeirException(
                    ErrorCode.MALFORMED_INPUT,
                    "Cannot load the file: " + why.get(),
                    Location.ofFile(file.relativePath()),
                    "replace it by a " + formatName() + " file or move it out of the way of '" + connection
                            + "', then run again" + moreHint,
                    null);
        }
    }

    private String formatName() {
        return switch (options.format()) {
            case CSV -> "CSV";
            case JSONL -> "JSON-lines";
            case PARQUET -> "Parquet";
        };
    }

    /**
     * The declared columns, then as text the header columns nobody declared when they are kept (or
     * none are declared). A batch without any column to take has only files that are not CSV: it
     * fails on the first, since there is nothing to stage their rejects with.
     */
    private List<DeclaredColumn> csvColumns(List<SourceFile> files, Map<SourceFile, String> notText) {
        if (!options.csv().header() || !options.columns().isEmpty() && !options.keepExtraColumns()) {
            return options.columns();
        }
        List<DeclaredColumn> columns = new ArrayList<>(options.columns());
        CsvHeaders.Names names = headers.namesBeyond(
                files,
                options.csv(),
                options.columns().stream().map(DeclaredColumn::name).toList());
        names.names().forEach(name -> columns.add(DeclaredColumn.text(name)));
        if (columns.isEmpty() && !notText.isEmpty()) {
            SourceFile first = notText.keySet().iterator().next();
            failOn(first, Optional.of(notText.get(first)), "");
        }
        if (columns.isEmpty() && !names.unparseable().isEmpty()) {
            SourceFile first = names.unparseable().get(0);
            throw new WeirException(
                    ErrorCode.MALFORMED_INPUT,
                    "Cannot read the header row of the file, and no other file of the batch has one to take columns from",
                    Location.ofLine(first.relativePath(), 1),
                    "check extract.csv (delimiter, quote, encoding) and the file's first line",
                    null);
        }
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

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a path that cannot be read";
        }
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
