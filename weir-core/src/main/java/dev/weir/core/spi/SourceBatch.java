package dev.weir.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Source} opens for one run: the {@link Batch} to stage, the key filter the engine
 * applies while staging it (rows past the last key watermark), and where the batch ends.
 *
 * @param empty true when the source knows there is nothing new: the run then starts no engine
 * @param warnings what the user should know about this batch although the run goes on (a glob that
 *     matched no file): one line each, shown with the run and kept in its record
 */
public record SourceBatch(
        Batch batch, Optional<Batch.KeyFilter> filter, BatchEnd end, boolean empty, List<String> warnings) {
    public SourceBatch {
        Objects.requireNonNull(batch, "batch is null");
        Objects.requireNonNull(filter, "filter is null");
        Objects.requireNonNull(end, "end is null");
        warnings = List.copyOf(warnings);
    }

    /** A batch without warnings. */
    public SourceBatch(Batch batch, Optional<Batch.KeyFilter> filter, BatchEnd end, boolean empty) {
        this(batch, filter, end, empty, List.of());
    }
}
