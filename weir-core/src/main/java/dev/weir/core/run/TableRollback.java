package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import java.util.Optional;

/**
 * Makes an earlier snapshot of a table current again, holding the lock of the table's writer
 * pipeline so that no load runs meanwhile. Watermarks follow: they are read from the table's
 * current history, so the next run loads again what the rolled-back snapshots had loaded.
 */
public final class TableRollback {
    private final RunServices services;

    public TableRollback(RunServices services) {
        this.services = services;
    }

    /**
     * @throws WeirException {@code UNKNOWN_TABLE} when the table does not exist; {@code USAGE} when
     *     the snapshot is not in its history; {@code PIPELINE_BUSY} when its pipeline is running
     */
    public void rollBack(TableId table, long snapshotId, Optional<String> writerPipeline) {
        String id = "rollback-" + RunIds.next(services.clock());
        Optional<PipelineLock> lock = writerPipeline.map(pipeline -> PipelineLock.acquire(
                services.lockDir(),
                pipeline,
                id,
                "roll back table " + table + ": its pipeline '" + pipeline + "' is running"));
        try {
            if (services.tables().load(table).isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.UNKNOWN_TABLE,
                        "Cannot roll back table " + table + ": it does not exist",
                        "name a table that `weir table list` shows");
            }
            services.tables().rollback(table, snapshotId);
        } finally {
            lock.ifPresent(PipelineLock::close);
        }
    }
}
