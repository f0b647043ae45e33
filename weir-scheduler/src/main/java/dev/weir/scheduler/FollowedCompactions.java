package dev.weir.scheduler;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.CompactionOptions;
import dev.weir.core.run.TableCompactor;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.runtime.WeirRuntime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The compactions of a followed pipeline ({@code weir run --follow}, or {@code schedule: follow}
 * under the scheduler): after a batch, the target table of a pipeline that committed is compacted
 * once it has {@code minFilesToRewrite} files worth rewriting (small files of a partition with
 * enough of them, files with position deletes). It runs in the follower's thread between batches,
 * so never during a batch of the same follower, and under the pipeline's lock, so never during a
 * batch another process runs; a failed compaction changes no row and loses no batch, and the
 * follower goes on.
 */
public final class FollowedCompactions {
    /** Files worth rewriting before a followed pipeline compacts: five minutes of 10-second batches. */
    public static final int DEFAULT_MIN_FILES_TO_REWRITE = 30;

    /** What the follower tells its user about compactions. */
    public interface Report {
        void compacted(TableCompactor.Result result);

        /** A compaction failed for a reason other than a batch holding the pipeline's lock. */
        void failed(TableId table, WeirException failure);
    }

    private final WeirRuntime runtime;
    private final Optional<CompactionOptions> options;
    private final Report report;

    /** Compacts when {@code minFilesToRewrite} files are worth rewriting; never when it is 0. */
    public FollowedCompactions(WeirRuntime runtime, int minFilesToRewrite, Report report) {
        this.runtime = runtime;
        this.options = minFilesToRewrite == 0
                ? Optional.empty()
                : Optional.of(new CompactionOptions(
                        OptionalLong.empty(), CompactionOptions.DEFAULT_MIN_INPUT_FILES, minFilesToRewrite));
        this.report = report;
    }

    /** Compacts the tables that {@code results} committed to and that are due. */
    public void after(List<PipelineResult> results) {
        if (options.isEmpty()) {
            return;
        }
        for (PipelineResult result : results) {
            if (result.record().status() != RunStatus.SUCCESS
                    || (result.record().rowsExtracted() == 0 && result.rowsGone() == 0)) {
                continue;
            }
            Optional<PipelineSpec> pipeline =
                    runtime.project().pipeline(result.record().pipelineName());
            pipeline.ifPresent(this::compact);
        }
    }

    private void compact(PipelineSpec pipeline) {
        TableCompactor compactor = new TableCompactor(runtime.runServices());
        try {
            TableCompactor.Result result =
                    compactor.compact(pipeline.load().target(), Optional.of(pipeline.name()), options.get());
            if (result.snapshotId().isPresent()) {
                report.compacted(result);
            }
        } catch (WeirException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            if (e.code() != ErrorCode.PIPELINE_BUSY) {
                report.failed(pipeline.load().target(), e);
            }
        }
    }
}
