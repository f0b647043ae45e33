package dev.weir.core.spi;

import dev.weir.core.error.WeirException;
import java.util.Objects;
import java.util.Optional;

/**
 * A closed run and, when it failed, the error that stopped it.
 *
 * @param rowsGone the table's rows whose keys the source no longer holds, deleted, marked or closed
 *     by this run ({@code extract.reconcile_deletes})
 */
public record PipelineResult(
        RunRecord record, Optional<WeirException> failure, long rowsWritten, long filesRewritten, long rowsGone) {
    public PipelineResult {
        Objects.requireNonNull(record, "record is null");
        Objects.requireNonNull(failure, "failure is null");
    }

    /** A run that wrote nothing, or failed. */
    public static PipelineResult unpublished(RunRecord record, Optional<WeirException> failure) {
        return new PipelineResult(record, failure, 0, 0, 0);
    }
}
