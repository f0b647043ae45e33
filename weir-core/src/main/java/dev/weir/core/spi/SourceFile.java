package dev.weir.core.spi;

import java.nio.file.Path;
import java.util.Objects;

/** A file a source selected: its absolute path and its path relative to the project, used in messages and watermarks. */
public record SourceFile(Path path, String relativePath, long sizeBytes) {
    public SourceFile {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(relativePath, "relativePath is null");
    }
}
