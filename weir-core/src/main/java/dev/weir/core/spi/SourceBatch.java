package dev.weir.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Source} opens for one run: the {@link Batch} to stage, the key filter the engine
 * applies while staging it (rows past the last key watermark), and where the batch ends.
 *
 * @param empty true when the source knows there is nothing new: the run then starts no engine
 */
public record SourceBatch(Batch batch, Optional<Batch.KeyFilter> filter, BatchEnd end, boolean empty) {
    public SourceBatch {
        Objects.requireNonNull(batch, "batch is null");
        Objects.requireNonNull(filter, "filter is null");
        Objects.requireNonNull(end, "end is null");
    }
}
