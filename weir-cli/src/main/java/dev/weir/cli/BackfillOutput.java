package dev.weir.cli;

import dev.weir.core.backfill.BackfillImpact;
import dev.weir.core.backfill.BackfillPlan;
import dev.weir.core.backfill.BackfillProgress;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.Backfill;
import dev.weir.core.spi.BackfillChunk;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code weir backfill} prints: the plan, then a progress bar on a terminal (one line per
 * chunk otherwise, so logs stay readable), then the outcome and how downstream catches up.
 */
final class BackfillOutput implements BackfillProgress {
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private Instant startedAt = Instant.now();

    BackfillOutput(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void printPlan(BackfillPlan plan, Optional<Backfill> resumed) {
        PipelineSpec p = plan.pipeline();
        out.println("Backfill of " + p.name() + ": " + plan.request().start() + " to "
                + plan.request().end() + " in "
                + plan.chunks().size() + " " + plan.request().size().wireName() + " chunks, most recent first ("
                + "days of "
                + (plan.zone().normalized().equals(ZoneOffset.UTC)
                        ? "UTC"
                        : plan.zone().getId()) + ")");
        out.println(
                "scope: table " + p.load().target() + " (" + p.load().strategy().yamlName()
                        + (p.load().mergeKeys().isEmpty()
                                ? ""
                                : " on " + String.join(", ", p.load().mergeKeys()))
                        + "), the rows of " + p.extract().connection() + " whose "
                        + p.extract().keyColumn().orElseThrow() + " falls on those days; the watermark does not move");
        BackfillImpact impact = plan.impact();
        if (impact.downstream().isEmpty()) {
            out.println("impact: " + impact.table() + " only; no pipeline reads it");
        } else {
            out.println("impact: " + impact.table() + " and downstream:");
            for (BackfillImpact.Downstream d : impact.downstream()) {
                out.println(
                        "  " + (d.missesRows() ? "! " : "  ") + d.pipeline() + " -> " + d.table() + ": " + d.catchUp());
            }
        }
        if (!plan.request().reason().isEmpty()) {
            out.println("reason: " + plan.request().reason());
        }
        resumed.ifPresent(b -> out.println("resuming backfill " + b.id() + ": " + b.chunksDone() + " of "
                + b.chunks().size() + " chunks were done earlier and are skipped"));
        out.flush();
    }

    @Override
    public void started(Backfill backfill, int skipped) {
        startedAt = Instant.now();
        if (!terminal) {
            out.println("backfill " + backfill.id() + " started");
            out.flush();
        }
    }

    @Override
    public void chunkStarted(BackfillChunk chunk, int index, int total) {
        if (terminal) {
            bar(index - 1, total, days(chunk));
        }
    }

    @Override
    public void chunkFinished(BackfillChunk chunk, int index, int total) {
        if (terminal) {
            bar(index, total, days(chunk) + " " + chunk.status().wireName());
            return;
        }
        out.println("chunk " + days(chunk) + ": " + chunk.status().wireName() + ", " + chunk.rowsExtracted()
                + " rows read, " + chunk.rowsLoaded() + " loaded, table " + chunk.rowsBefore() + " -> "
                + chunk.rowsAfter() + " rows (run " + chunk.runId().orElse("-") + ")"
                + chunk.message().map(m -> ": " + m).orElse(""));
        out.flush();
    }

    void printEnd(BackfillPlan plan, Backfill ended) {
        if (terminal) {
            out.println();
        }
        double seconds = Duration.between(startedAt, Instant.now()).toMillis() / 1000.0;
        out.println(String.format(
                Locale.ROOT,
                "backfill %s %s: %d of %d chunks done, in %.1f s",
                ended.id(),
                ended.status().wireName(),
                ended.chunksDone(),
                ended.chunks().size(),
                seconds));
        ended.chunks().stream()
                .filter(c -> c.status() == BackfillChunk.Status.FAILED)
                .forEach(c -> out.println(
                        "failed: chunk " + days(c) + ": " + c.message().orElse("")));
        long anomalies = ended.anomalies().size()
                + ended.chunks().stream().mapToLong(c -> c.anomalies().size()).sum();
        if (anomalies > 0) {
            out.println(anomalies + " anomalies; `weir backfill show " + ended.id() + "` lists them");
        }
        if (ended.status() == Backfill.Status.DONE) {
            for (BackfillImpact.Downstream d : plan.impact().downstream()) {
                out.println("catch up: " + d.pipeline() + ": " + d.catchUp());
            }
        } else {
            out.println("run the same command again to resume: the chunks done are skipped");
        }
        out.flush();
    }

    private void bar(int done, int total, String label) {
        int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
        out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total + " " + label
                + "   ");
        out.flush();
    }

    static String days(BackfillChunk chunk) {
        return chunk.end().equals(chunk.start().plusDays(1))
                ? chunk.start().toString()
                : chunk.start() + ".." + chunk.end().minusDays(1);
    }
}
