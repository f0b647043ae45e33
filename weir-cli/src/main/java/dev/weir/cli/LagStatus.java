package dev.weir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.run.PipelineLag;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.Lag;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lag part of {@code weir status}: for each pipeline whose source can tell, the source's head,
 * the position the table committed, how far that is behind, and the age of the last commit. A source
 * that cannot be reached within {@link #TIMEOUT} shows as unreachable; it never fails the command.
 */
final class LagStatus {
    /** Short, so that a status with its brokers down still answers at once. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, PipelineLag.Report> reports;
    private final Instant now;

    private LagStatus(Map<String, PipelineLag.Report> reports, Instant now) {
        this.reports = reports;
        this.now = now;
    }

    static LagStatus measure(PipelineLag lag, List<PipelineSpec> pipelines, Instant now) {
        Map<String, PipelineLag.Report> reports = new LinkedHashMap<>();
        for (PipelineSpec pipeline : pipelines) {
            lag.measure(pipeline, TIMEOUT).ifPresent(r -> reports.put(pipeline.name(), r));
        }
        return new LagStatus(reports, now);
    }

    void print(PrintWriter out) {
        if (reports.isEmpty()) {
            return;
        }
        TextTable table = new TextTable(List.of("pipeline", "source_position", "committed", "lag", "last_commit"));
        List<String> unreachable = new ArrayList<>();
        for (PipelineLag.Report r : reports.values()) {
            table.add(List.of(
                    r.pipeline(),
                    r.lag().map(Lag::head).orElse("unreachable"),
                    r.committed().orElse("none"),
                    r.lag().map(Lag::display).orElse("-"),
                    r.lastCommit().map(t -> age(t) + " ago").orElse("never")));
            r.unreachable().ifPresent(why -> unreachable.add(r.pipeline() + ": " + why));
        }
        out.println();
        table.print(out);
        unreachable.forEach(line -> out.println("unreachable " + line));
    }

    /** Adds {@code lag} to the JSON of {@code pipeline}, when its source can tell. */
    void json(String pipeline, ObjectNode node) {
        PipelineLag.Report r = reports.get(pipeline);
        if (r == null) {
            return;
        }
        ObjectNode lag = node.putObject("lag");
        r.lag()
                .ifPresentOrElse(
                        l -> lag.put("reachable", true)
                                .put("source_position", l.head())
                                .put("behind", l.behind())
                                .put("unit", l.unit())
                                .put("display", l.display()),
                        () -> lag.put("reachable", false)
                                .put("error", r.unreachable().orElse("")));
        r.committed().ifPresentOrElse(c -> lag.put("committed", c), () -> lag.putNull("committed"));
        r.lastCommit()
                .ifPresentOrElse(
                        t -> lag.put("last_commit_at", t.toString())
                                .put(
                                        "last_commit_age_seconds",
                                        Duration.between(t, now).toSeconds()),
                        () -> lag.putNull("last_commit_at"));
    }

    private String age(Instant at) {
        long seconds = Math.max(0, Duration.between(at, now).toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3_600.0);
    }
}
