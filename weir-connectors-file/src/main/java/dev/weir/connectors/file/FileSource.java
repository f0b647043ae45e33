package dev.weir.connectors.file;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceFile;
import dev.weir.core.spi.Watermark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads CSV, JSON-lines or Parquet files named by a path or glob relative to the project root.
 * In new-files mode a batch holds only files not loaded before, sorted by path. CSV batches
 * always come with their columns fixed (from the header rows, checked to agree across files).
 */
public final class FileSource implements Source {
    private final Path projectRoot;
    private final ExtractSpec spec;
    private final GlobMatcher matcher;
    private final CsvHeaders headers = new CsvHeaders();

    public FileSource(Path projectRoot, ExtractSpec spec) {
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot is null").toAbsolutePath().normalize();
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.matcher = new GlobMatcher(this.projectRoot, spec.connection());
    }

    @Override
    public Batch open(Watermark previous) {
        List<SourceFile> files;
        try {
            files = matcher.matches().stream()
                    .map(this::describe)
                    .filter(f -> !spec.newFiles() || !previous.loadedFiles().contains(f.relativePath()))
                    .toList();
        } catch (IOException e) {
            throw new WeirException(ErrorCode.SOURCE_UNAVAILABLE, "Cannot list files matching '" + spec.connection() + "': " + e.getMessage(),
                    null, "check that the directory exists and is readable", e);
        }
        if (files.isEmpty() && !spec.newFiles()) {
            throw WeirException.withHint(ErrorCode.SOURCE_FAILED,
                    "Cannot extract: no file matches '" + spec.connection() + "' under " + projectRoot,
                    "check extract.connection (a path or glob relative to the project root)");
        }
        FileFormat format = spec.format().orElseThrow(() -> new IllegalStateException("a file source needs a format"));
        List<ColumnDecl> columns = format == FileFormat.CSV && !files.isEmpty()
                ? headers.columns(files, spec.csv(), spec.columns())
                : spec.columns();
        return new Batch.Files(files, format, spec.csv(), columns);
    }

    private SourceFile describe(Path path) {
        try {
            return new SourceFile(path, projectRoot.relativize(path).toString().replace('\\', '/'), Files.size(path));
        } catch (IOException e) {
            throw new WeirException(ErrorCode.SOURCE_UNAVAILABLE, "Cannot read " + path + ": " + e.getMessage(), null, null, e);
        }
    }
}
