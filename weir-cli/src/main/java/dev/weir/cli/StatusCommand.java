package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.health.HealthInputs;
import dev.weir.core.health.HealthMetric;
import dev.weir.core.health.PipelineHealth;
import dev.weir.core.health.PipelineHealthCalculator;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.run.PipelineLag;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        description = "Show each pipeline's health, the seed's dashboard metrics against their targets: success"
                + " rate and average runtime over 7 days, data freshness, volume variance, quality check pass rate"
                + ", failed runs in 24 h and the backfill queue (backfills not done). A breach is marked `!`. For"
                + " sources that can tell (kafka), also how far each table is behind its source and the age of"
                + " its last commit.")
final class StatusCommand implements Callable<Integer> {
    /** Enough for 7 days of a pipeline that runs every few minutes. */
    private static final int RUNS_READ = 5000;

    private static final String ANSI_RED = "\u001b[31m";
    private static final String ANSI_RESET = "\u001b[0m";

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline.")
    String pipeline;

    @Option(names = "--json", description = "Print the metrics as JSON.")
    boolean json;

    @Option(names = "--fail-on-breach", description = "Exit 1 when any metric is past its alert threshold (for CI).")
    boolean failOnBreach;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WeirRuntime workspace = ProjectOptions.of(spec).open()) {
            List<PipelineSpec> pipelines = workspace.project().pipelines().stream()
                    .filter(p -> pipeline == null || p.name().equals(pipeline))
                    .toList();
            if (pipeline != null && pipelines.isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.UNKNOWN_PIPELINE, "No pipeline named '" + pipeline + "'", "weir validate lists them");
            }
            PipelineHealthCalculator calculator = new PipelineHealthCalculator(Clock.systemUTC());
            List<PipelineHealth> health = new ArrayList<>();
            for (PipelineSpec p : pipelines) {
                health.add(calculator.health(inputs(workspace, p)));
            }
            LagStatus lag = LagStatus.measure(
                    new PipelineLag(workspace.runServices()),
                    pipelines,
                    Clock.systemUTC().instant());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(json(health, lag));
            } else {
                printTable(out, health);
                lag.print(out);
            }
            out.flush();
            boolean breached = health.stream().anyMatch(PipelineHealth::breached);
            return failOnBreach && breached ? 1 : 0;
        }
    }

    private static HealthInputs inputs(WeirRuntime workspace, PipelineSpec p) {
        Metastore metastore = workspace.metastore();
        Instant weekAgo = Instant.now().minus(Duration.ofDays(8));
        List<RunRecord> runs = metastore.recentRuns(Optional.of(p.name()), RUNS_READ).stream()
                .filter(r -> r.startedAt().isAfter(weekAgo))
                .toList();
        List<CheckResult> checks = new ArrayList<>();
        for (RunRecord run : runs) {
            checks.addAll(metastore.checkResults(run.runId()));
        }
        List<SnapshotInfo> snapshots =
                workspace.tables().tables().contains(p.load().target())
                        ? workspace.tables().history(p.load().target())
                        : List.of();
        Optional<Integer> sla =
                p.pipeline().slaMinutes() > 0 ? Optional.of(p.pipeline().slaMinutes()) : Optional.empty();
        Optional<Double> freshness = workspace
                .project()
                .contractFor(p.load().target())
                .flatMap(c -> c.sla().freshnessHours().isPresent()
                        ? Optional.of(c.sla().freshnessHours().getAsDouble())
                        : Optional.empty());
        return new HealthInputs(
                p.name(),
                runs,
                checks,
                snapshots,
                sla,
                freshness,
                metastore.backfills().pending(Optional.of(p.name())));
    }

    private void printTable(PrintWriter out, List<PipelineHealth> health) {
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        List<String> header = new ArrayList<>(List.of("pipeline"));
        health.stream().findFirst().ifPresent(h -> h.metrics().forEach(m -> header.add(m.name())));
        TextTable table = new TextTable(header);
        for (PipelineHealth h : health) {
            List<String> row = new ArrayList<>(List.of(h.pipeline()));
            for (HealthMetric m : h.metrics()) {
                row.add(cell(m, colour));
            }
            table.add(row);
        }
        table.print(out);
        out.println();
        out.println("targets (alert): success_rate >99% (<95%) over 7 days; average_runtime <=80% of sla_minutes"
                + " (>sla_minutes); data_freshness <=sla.freshness_hours of the target's contract;"
                + " volume_variance <20% (>50%), today against the 7-day daily average;"
                + " quality_pass_rate 100% (<95%) over 7 days; failed_runs_24h 0 (>0); backfill_queue 0 (>5).");
        out.println("! past the alert threshold, ~ off target, - no data or no target declared.");
    }

    private static String cell(HealthMetric m, boolean colour) {
        String value = m.value().map(v -> format(v, m.unit())).orElse("-");
        return switch (m.status()) {
            case BREACH -> colour ? ANSI_RED + "!" + value + ANSI_RESET : "!" + value;
            case WARN -> "~" + value;
            case NO_DATA -> m.value().isPresent() ? value + " (no target)" : value;
            case OK -> value;
        };
    }

    private static String format(double value, String unit) {
        return switch (unit) {
            case "runs", "backfills" -> String.valueOf((long) value);
            case "%" -> String.format(Locale.ROOT, "%.1f%%", value);
            default -> String.format(Locale.ROOT, "%.1f %s", value, unit);
        };
    }

    private static String json(List<PipelineHealth> health, LagStatus lag) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode pipelines = mapper.createArrayNode();
        for (PipelineHealth h : health) {
            ObjectNode node =
                    pipelines.addObject().put("pipeline", h.pipeline()).put("breached", h.breached());
            ObjectNode metrics = node.putObject("metrics");
            for (HealthMetric m : h.metrics()) {
                ObjectNode metric = metrics.putObject(m.name());
                m.value().ifPresentOrElse(v -> metric.put("value", v), () -> metric.putNull("value"));
                metric.put("unit", m.unit())
                        .put("target", m.target())
                        .put("alert_threshold", m.alertThreshold())
                        .put("status", m.status().wireName());
            }
            lag.json(h.pipeline(), node);
        }
        return pipelines.toString();
    }
}
