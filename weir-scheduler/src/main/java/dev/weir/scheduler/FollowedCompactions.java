package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.CompactionOptions;
import dev.weir.core.run.TableCompactor;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The compactions of {@code weir run --follow}: after a round of batches, the target table of each
 * pipeline that committed is compacted once it has {@code minFilesToRewrite} files worth
 * rewriting (small files of a partition with enough of them, files with position deletes). It runs
 * in the loop's thread between batches, so never during a batch of the same process, and under the
 * pipeline's lock, so never during a batch another process runs; a failed compaction changes no
 * row and loses no batch, and the loop goes on.
 */
final class FollowedCompactions {
    /** Files worth rewriting before a followed pipeline compacts: five minutes of 10-second batches. */
    static final int DEFAULT_MIN_FILES_TO_REWRITE = 30;

    private final WeirRuntime runtime;
    private final Optional<CompactionOptions> options;
    private final PrintWriter out;
    private final PrintWriter err;

    /** Compacts when {@code minFilesToRewrite} files are worth rewriting; never when it is 0. */
    FollowedCompactions(WeirRuntime runtime, int minFilesToRewrite, PrintWriter out, PrintWriter err) {
        this.runtime = runtime;
        this.options = minFilesToRewrite == 0
                ? Optional.empty()
                : Optional.of(new CompactionOptions(
                        OptionalLong.empty(), CompactionOptions.DEFAULT_MIN_INPUT_FILES, minFilesToRewrite));
        this.out = out;
        this.err = err;
    }

    /** Compacts the tables that {@code results} committed to and that are due. */
    void after(List<PipelineResult> results) {
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
                out.println(TableCompactCommand.describe(result));
                out.flush();
            }
        } catch (WeirException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            if (e.code() != ErrorCode.PIPELINE_BUSY) {
                err.println("weir: compacting " + pipeline.load().target() + " failed, which changed no row; the next"
                        + " batch goes on and a later compaction tries again: " + e.render());
                err.flush();
            }
        }
    }
}
