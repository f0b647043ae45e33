package dev.weir.core.spi;

import dev.weir.core.error.WeirException;
import java.util.Objects;
import java.util.Optional;

/** A closed run and, when it failed, the error that stopped it. */
public record PipelineResult(RunRecord record, Optional<WeirException> failure, long rowsWritten, long filesRewritten) {
    public PipelineResult {
        Objects.requireNonNull(record, "record is null");
        Objects.requireNonNull(failure, "failure is null");
    }
}
