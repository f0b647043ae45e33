package dev.weir.cli;

import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunListener;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.io.PrintWriter;
import java.util.Locale;

/** What {@code weir run} prints: one line per finished run with its warnings, and the error of a failed one. */
final class RunOutput implements RunListener {
    private final PrintWriter out;
    private final PrintWriter err;

    private final boolean quietWhenIdle;

    RunOutput(PrintWriter out, PrintWriter err) {
        this(out, err, false);
    }

    /** @param quietWhenIdle whether a successful run that extracted nothing and warns of nothing prints no line */
    RunOutput(PrintWriter out, PrintWriter err, boolean quietWhenIdle) {
        this.out = out;
        this.err = err;
        this.quietWhenIdle = quietWhenIdle;
    }

    @Override
    public void runFinished(PipelineResult result) {
        RunRecord r = result.record();
        if (quietWhenIdle
                && r.status() == RunStatus.SUCCESS
                && r.rowsExtracted() == 0
                && r.warnings().isEmpty()) {
            return;
        }
        String status = r.status().wireName().toUpperCase(Locale.ROOT);
        int checks = r.qualityChecksPassed() + r.qualityChecksFailed();
        String line = String.format(
                Locale.ROOT,
                "%-7s %-22s extracted %d, loaded %d, rejected %d;%s wrote %d rows%s%s; %.1fs; watermark %s -> %s; run %s",
                status,
                r.pipelineName(),
                r.rowsExtracted(),
                r.rowsLoaded(),
                r.rowsRejected(),
                checks == 0 ? "" : " checks " + r.qualityChecksPassed() + "/" + checks + " passed;",
                result.rowsWritten(),
                result.filesRewritten() > 0 ? " (" + result.filesRewritten() + " files rewritten)" : "",
                result.rowsGone() == 0
                        ? ""
                        : "; reconciled " + result.rowsGone() + (result.rowsGone() == 1 ? " row" : " rows")
                                + " gone from the source",
                r.durationSeconds(),
                r.watermarkBefore().orElse("none"),
                r.watermarkAfter().orElse("none"),
                r.runId());
        if (r.status() == RunStatus.SKIPPED) {
            line = String.format(
                    Locale.ROOT,
                    "%-7s %-22s %s",
                    status,
                    r.pipelineName(),
                    r.errorMessage().orElse(""));
        }
        for (String warning : r.warnings()) {
            line += "; warning: " + warning;
        }
        out.println(line);
        out.flush();
        result.failure().ifPresent(e -> {
            err.println("  error in " + r.pipelineName() + " (stage " + r.stage() + "): "
                    + e.render().replace(System.lineSeparator(), System.lineSeparator() + "  "));
            err.flush();
        });
    }
}
