package dev.weir.core.spi;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How far a pipeline has read its source: the greatest incremental-key value loaded, and the
 * files loaded so far (for new-files extraction). Both empty before the first load.
 */
public record Watermark(Optional<String> keyValue, SortedSet<String> loadedFiles) {
    public static final Watermark NONE = new Watermark(Optional.empty(), new TreeSet<>());

    public Watermark {
        Objects.requireNonNull(keyValue, "keyValue is null");
        loadedFiles = Collections.unmodifiableSortedSet(new TreeSet<>(loadedFiles));
    }

    public boolean isEmpty() {
        return keyValue.isEmpty() && loadedFiles.isEmpty();
    }

    /** The form shown in run records: the key value, or {@code files:N}, or empty before any load. */
    public Optional<String> display() {
        if (keyValue.isPresent()) {
            return keyValue;
        }
        return loadedFiles.isEmpty() ? Optional.empty() : Optional.of("files:" + loadedFiles.size());
    }
}
