package dev.weir.cli;

import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ScheduleSpec;
import dev.weir.core.spi.Tick;
import dev.weir.runtime.WeirRuntime;
import dev.weir.scheduler.MetricsEndpoint;
import dev.weir.scheduler.Scheduler;
import dev.weir.scheduler.SchedulerMetrics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "scheduler",
        description = {
            "Run the project's pipelines on their schedules until stopped (SIGTERM or Ctrl-C).",
            "pipeline.schedule is a cron expression (five fields, or six with seconds first) read in",
            "scheduler.time_zone, or `upstream`: run when a table the pipeline reads has a new snapshot, or",
            "`follow`: keep it running, a batch every pipeline.follow_interval_seconds (default 10), for CDC and",
            "streams, as weir run --follow does.",
            "Missed times after downtime run as pipeline.catch_up says (none, last, all; default last); at most",
            "scheduler.max_concurrent runs go at once and never two of one pipeline (pipeline.on_busy: queue, skip,",
            "fail). State lives in the metastore: a killed scheduler's restart neither loses nor repeats a run,",
            "and of two schedulers on one project only the holder of the lease runs anything.",
            "A stop cancels the runs in flight (they publish nothing) and the next scheduler runs them again."
        },
        subcommands = SchedulerCommand.Ticks.class)
final class SchedulerCommand implements Callable<Integer> {
    @Option(
            names = "--poll",
            paramLabel = "SECONDS",
            defaultValue = "1",
            description = "Seconds between passes (default: ${DEFAULT-VALUE}).")
    double pollSeconds;

    @Option(
            names = "--lease",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long the lease lasts unrenewed: a standby scheduler takes over this long after the"
                    + " holder dies (default: ${DEFAULT-VALUE}).")
    double leaseSeconds;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (default: not served).")
    Integer metricsPort;

    @Option(
            names = "--metrics-host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "The address /metrics listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String metricsHost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunOutput output = new RunOutput(out, spec.commandLine().getErr());
        Duration poll = seconds(pollSeconds);
        Scheduler.Settings settings =
                new Scheduler.Settings(Scheduler.newHolder(), seconds(leaseSeconds), poll, Duration.ofMinutes(1));
        SchedulerMetrics metrics = new SchedulerMetrics(Clock.systemUTC());
        try (StopSignals signals = StopSignals.cancelling(Thread.currentThread());
                WeirRuntime runtime = ProjectOptions.of(spec)
                        .runtime()
                        .listener(output)
                        .listener(metrics)
                        .open();
                Scheduler scheduler = new Scheduler(runtime, settings, Clock.systemUTC(), metrics);
                MetricsEndpoint endpoint =
                        metricsPort == null ? null : MetricsEndpoint.start(metrics, metricsHost, metricsPort)) {
            describe(out, runtime, settings);
            if (endpoint != null) {
                out.printf("weir: metrics at http://%s:%d/metrics%n", metricsHost, endpoint.port());
                out.flush();
            }
            scheduler.run();
            Thread.interrupted(); // the stop is handled: closing the project needs a thread that can do I/O
            out.println("weir: scheduler stopped by " + signals.received().orElse("request")
                    + "; runs in flight were cancelled and run again by the next scheduler");
            out.flush();
        }
        return 0;
    }

    private static void describe(PrintWriter out, WeirRuntime runtime, Scheduler.Settings settings) {
        List<PipelineSpec> scheduled = runtime.project().pipelines().stream()
                .filter(p -> p.pipeline().schedule().isScheduled()
                        || p.pipeline().schedule().isFollowed())
                .toList();
        out.printf(
                "weir: scheduler %s on project %s: %d of %d pipelines scheduled, at most %d runs at once, time zone %s%n",
                settings.holder(),
                runtime.project().name(),
                scheduled.size(),
                runtime.project().pipelines().size(),
                runtime.project().scheduler().maxConcurrent(),
                runtime.project().scheduler().timeZone());
        for (PipelineSpec p : scheduled) {
            ScheduleSpec schedule = p.pipeline().schedule();
            if (schedule.isFollowed()) {
                out.printf(
                        "  %-22s follow (a batch every %d s)%n",
                        p.name(), schedule.followInterval().orElseThrow().toSeconds());
            } else {
                out.printf(
                        "  %-22s %s (catch_up: %s, on_busy: %s)%n",
                        p.name(),
                        schedule.text(),
                        schedule.catchUp().yamlName(),
                        schedule.onBusy().yamlName());
            }
        }
        out.flush();
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Command(name = "ticks", description = "List the scheduler's latest ticks, newest first, and who holds the lease.")
    static final class Ticks implements Callable<Integer> {
        @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "Only ticks of this pipeline.")
        String pipeline;

        @Option(
                names = {"-n", "--limit"},
                defaultValue = "20",
                description = "How many ticks to show (default: ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (WeirRuntime runtime = ProjectOptions.of(spec).open()) {
                runtime.metastore()
                        .schedules()
                        .lease()
                        .ifPresentOrElse(
                                l -> out.println("lease: " + l.holder() + " until " + l.expiresAt()),
                                () -> out.println("lease: no scheduler has run"));
                TextTable table = new TextTable(
                        List.of("scheduled_at", "pipeline", "trigger", "state", "attempts", "runs", "note"));
                for (Tick t : runtime.metastore().schedules().recentTicks(Optional.ofNullable(pipeline), limit)) {
                    table.add(List.of(
                            t.scheduledAt().toString(),
                            t.pipeline(),
                            t.trigger().wireName(),
                            t.state().wireName(),
                            Integer.toString(t.attempts()),
                            String.join(" ", t.runIds()),
                            t.note().orElse("")));
                }
                table.print(out);
                return 0;
            }
        }
    }
}
