package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler's own cost: {@code weir scheduler} on a project of two pipelines due every ten
 * seconds, and on the same two among 1,000 pipelines (the rest on a daily cron, so they are planned
 * but not run), side by side. Each process runs for a fixed window; its /metrics then give the pass
 * time and the delay from a tick's scheduled time to its run's start, and /proc its resident memory.
 */
final class SchedulerOverhead {
    /** Few enough, and far enough apart, that their runs never wait for a slot: the delay is the scheduler's own. */
    static final int DUE_PIPELINES = 2;

    private final Path work;
    private final Contenders contenders;
    private final List<Ratio> ratios;

    SchedulerOverhead(Path work, Contenders contenders, List<Ratio> ratios) {
        this.work = work;
        this.contenders = contenders;
        this.ratios = ratios;
    }

    void run(int pipelines, Duration window) {
        Figures small = measure(DUE_PIPELINES, window);
        Figures large = measure(pipelines, window);
        String few = DUE_PIPELINES + " pipelines";
        String many = String.format(Locale.ROOT, "%,d pipelines", pipelines);
        report("scheduler, " + few, small);
        report("scheduler, " + many, large);
        ratios.add(new Ratio(
                "scheduler: mean pass time, " + many + " / " + few,
                large.meanPassMillis / small.meanPassMillis,
                "reported",
                true));
        ratios.add(Ratio.atMost(
                "scheduler, " + many + ": mean delay from scheduled time to run start, ms",
                large.meanDelayMillis,
                250));
        ratios.add(Ratio.atMost("scheduler, " + many + ": peak RSS MB", large.rssMegabytes, 1024));
    }

    private void report(String label, Figures f) {
        ratios.add(new Ratio(label + ": passes in the window", f.passes, "reported", true));
        ratios.add(new Ratio(label + ": mean pass time, ms", f.meanPassMillis, "reported", true));
        ratios.add(new Ratio(label + ": longest pass, ms", f.maxPassMillis, "reported", true));
        ratios.add(new Ratio(label + ": runs started", f.starts, "reported", true));
        ratios.add(new Ratio(
                label + ": mean delay from scheduled time to run start, ms", f.meanDelayMillis, "reported", true));
        ratios.add(new Ratio(label + ": longest delay, ms", f.maxDelayMillis, "reported", true));
        ratios.add(new Ratio(label + ": peak RSS MB", f.rssMegabytes, "reported", true));
    }

    private Figures measure(int pipelines, Duration window) {
        Path project = project(work.resolve("scheduler/" + pipelines), pipelines);
        int port = freePort();
        Path log = work.resolve("logs/scheduler-" + pipelines + ".log");
        List<String> command = contenders.weir(project, "scheduler", "--metrics-port", Integer.toString(port));
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            awaitMetrics(port, process, log);
            long peakRss = 0;
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end) {
                peakRss = Math.max(peakRss, ProcessMeter.treeRss(process.toHandle()));
                Thread.sleep(200);
            }
            String metrics = scrape(port);
            return new Figures(
                    value(metrics, "weir_scheduler_pass_seconds_count"),
                    1000
                            * value(metrics, "weir_scheduler_pass_seconds_sum")
                            / value(metrics, "weir_scheduler_pass_seconds_count"),
                    1000 * value(metrics, "weir_scheduler_pass_seconds_max"),
                    value(metrics, "weir_scheduler_start_delay_seconds_count"),
                    1000
                            * value(metrics, "weir_scheduler_start_delay_seconds_sum")
                            / value(metrics, "weir_scheduler_start_delay_seconds_count"),
                    1000 * value(metrics, "weir_scheduler_start_delay_seconds_max"),
                    peakRss / 1024.0 / 1024.0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process.destroy();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private record Figures(
            double passes,
            double meanPassMillis,
            double maxPassMillis,
            double starts,
            double meanDelayMillis,
            double maxDelayMillis,
            double rssMegabytes) {}

    /** {@code pipelines} pipelines: the first two every ten seconds, the rest daily at 03:00. */
    private static Path project(Path dir, int pipelines) {
        Directories.delete(dir);
        try {
            Files.createDirectories(dir.resolve("pipelines"));
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("weir.yaml"), "name: scheduler_bench\nscheduler: {max_concurrent: 4}\n");
            Files.writeString(dir.resolve("data/items.csv"), "id,amount\n1,10.00\n2,20.00\n");
            for (int i = 1; i <= pipelines; i++) {
                String name = "p" + i;
                String schedule = i <= DUE_PIPELINES ? "*/10 * * * * *" : "0 3 * * *";
                Files.writeString(dir.resolve("pipelines/" + name + ".yaml"), """
                        pipeline: {name: %1$s, schedule: "%2$s"}
                        extract: {source_system: files, connection: data/items.csv, format: csv, strategy: full}
                        load: {target: bronze.%1$s, strategy: truncate-reload}
                        """.formatted(name, schedule));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static void awaitMetrics(int port, Process process, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("weir scheduler ended before serving /metrics; see " + log);
            }
            try {
                scrape(port);
                return;
            } catch (IllegalStateException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("weir scheduler did not serve /metrics within 3 minutes; see " + log);
    }

    private static String scrape(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of an unlabelled series in Prometheus' text format. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
