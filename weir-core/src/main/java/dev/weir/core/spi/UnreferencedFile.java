package dev.weir.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A file under a table's location that nothing of the table references: left by a commit that
 * never completed, or by a run whose record the metastore lost.
 *
 * @param path the file, as a local path
 * @param written when it was last written
 */
public record UnreferencedFile(String path, Instant written, long sizeBytes) {
    public UnreferencedFile {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(written, "written is null");
    }
}
