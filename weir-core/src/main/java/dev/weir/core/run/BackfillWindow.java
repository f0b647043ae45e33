package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.KeyWindow;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.WindowedSource;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of a backfill chunk reads: the rows of its source whose incremental key lies in
 * {@code window}. The run commits the position the table already has, so the pipeline's
 * watermark never moves: its scheduled runs go on from where they were.
 *
 * @param backfillId the backfill the chunk belongs to, kept in the snapshot summary
 */
public record BackfillWindow(String backfillId, KeyWindow window) {
    public BackfillWindow {
        Objects.requireNonNull(backfillId, "backfillId is null");
        Objects.requireNonNull(window, "window is null");
    }

    /**
     * The batch of the window, ending where the pipeline's position stands; {@code committed} was
     * read under the pipeline's lock, so no scheduled run can have moved it since.
     */
    SourceBatch open(Source source, PipelineSpec pipeline, Optional<Position> committed) {
        if (!(source instanceof WindowedSource windowed)) {
            throw WeirException.withHint(
                    ErrorCode.USAGE,
                    "Cannot backfill pipeline '" + pipeline.name() + "': its source (source_system "
                            + pipeline.extract().sourceSystem() + ") cannot read a window of its incremental key",
                    "backfill a pipeline that reads a Weir table or a database incrementally");
        }
        SourceBatch opened = windowed.openWindow(window);
        BatchEnd unchanged = committed.map(BatchEnd::at).orElseGet(BatchEnd::none);
        return new SourceBatch(opened.batch(), opened.filter(), unchanged, opened.empty(), opened.warnings());
    }
}
