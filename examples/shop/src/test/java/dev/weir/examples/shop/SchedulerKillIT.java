package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.ScheduleStore;
import dev.weir.core.spi.Tick;
import dev.weir.metastore.SqlMetastore;
import dev.weir.runtime.WeirRuntime;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir scheduler} killed with SIGKILL at random moments, again and again, then left to
 * catch up: every cron time of the whole span ran exactly once. Each pipeline reloads its table
 * on every run, so a repeated run would show as a second snapshot of one tick.
 */
class SchedulerKillIT {
    private static final List<String> PIPELINES = List.of("k1", "k2", "k3");
    private static final int KILLS = 12;

    @TempDir
    Path project;

    @Test
    void killedAtRandomMomentsTheSchedulerNeitherLosesNorRepeatsARun() throws Exception {
        write("weir.yaml", "name: killed\nscheduler: {max_concurrent: 2}\n");
        for (String name : PIPELINES) {
            write("data/" + name + ".csv", "id,amount\n1,10.00\n2,20.00\n");
            write("pipelines/" + name + ".yaml", """
                    pipeline: {name: %1$s, schedule: "*/2 * * * * *", catch_up: all}
                    extract: {source_system: files, connection: data/%1$s.csv, format: csv, strategy: full}
                    load: {target: bronze.%1$s, strategy: truncate-reload}
                    """.formatted(name));
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Instant> firstCursor = new HashMap<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process scheduler = start();
            if (kill == 0) {
                firstCursor.putAll(awaitCursors());
            }
            Thread.sleep(1_500 + random.nextInt(4_500));
            scheduler.destroyForcibly(); // SIGKILL
            assertThat(scheduler.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        int metricsPort = freePort();
        Process last = Weir.start(
                project,
                Map.of(),
                "scheduler",
                "--poll",
                "0.2",
                "--lease",
                "2",
                "--metrics-port",
                Integer.toString(metricsPort));
        Thread.sleep(6_000);
        Instant end = Instant.now();
        awaitTicksClosedUpTo(end);
        assertThat(scrape(metricsPort))
                .as("the last scheduler's /metrics")
                .contains("weir_runs_total{pipeline=\"k1\",status=\"success\"}")
                .contains("weir_scheduler_lease_held 1.0");
        last.destroy();
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();

        int expected = 0;
        int seen = 0;
        int doubles = 0;
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            List<Tick> ticks = runtime.metastore().schedules().recentTicks(Optional.empty(), 100_000);
            for (String pipeline : PIPELINES) {
                Set<Instant> due = evenSecondsBetween(firstCursor.get(pipeline), end);
                List<Tick> mine = ticks.stream()
                        .filter(t -> t.pipeline().equals(pipeline)
                                && !t.scheduledAt().isAfter(end))
                        .toList();
                assertThat(mine)
                        .as("ticks of %s (seed %d)", pipeline, seed)
                        .allSatisfy(t -> assertThat(t.state()).as(t.toString()).isEqualTo(Tick.TickState.SUCCEEDED));
                Set<Instant> ran = mine.stream().map(Tick::scheduledAt).collect(Collectors.toCollection(TreeSet::new));
                assertThat(ran)
                        .as("the cron times of %s (seed %d)", pipeline, seed)
                        .isEqualTo(due);
                Map<String, Long> commitsByRun = runtime.tables().history(new TableId("bronze", pipeline)).stream()
                        .flatMap(s -> s.runId().stream())
                        .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
                for (Tick tick : mine) {
                    long commits = tick.runIds().stream()
                            .mapToLong(id -> commitsByRun.getOrDefault(id, 0L))
                            .sum();
                    assertThat(commits)
                            .as("commits of %s (seed %d)", tick, seed)
                            .isEqualTo(1);
                    doubles += commits > 1 ? 1 : 0;
                }
                expected += due.size();
                seen += mine.size();
            }
        }
        System.out.printf(
                "scheduler kill test: %d kills, %d runs expected, %d seen, %d doubles (seed %d)%n",
                KILLS, expected, seen, doubles, seed);
        assertThat(seen).isEqualTo(expected);
    }

    private Process start() {
        return Weir.start(project, Map.of(), "scheduler", "--poll", "0.2", "--lease", "2");
    }

    /** The cursor each schedule started from, once the first scheduler has seen them all. */
    private Map<String, Instant> awaitCursors() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            if (Files.exists(project.resolve(".weir/weir.db"))) {
                try (Metastore metastore = metastore()) {
                    ScheduleStore store = metastore.schedules();
                    Map<String, Instant> cursors = new HashMap<>();
                    PIPELINES.forEach(p -> store.cursor(p).ifPresent(c -> cursors.put(p, c.lastTick())));
                    if (cursors.size() == PIPELINES.size()
                            && store.openTicks().isEmpty()
                            && store.recentTicks(Optional.empty(), 1).isEmpty()) {
                        return cursors;
                    }
                    if (cursors.size() == PIPELINES.size()) {
                        throw new IllegalStateException("a tick was planned before the first cursors were read");
                    }
                } catch (RuntimeException notYetMigrated) {
                    if (notYetMigrated instanceof IllegalStateException) {
                        throw notYetMigrated;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the first scheduler never planned its schedules");
    }

    private void awaitTicksClosedUpTo(Instant end) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try (Metastore metastore = metastore()) {
                boolean caughtUp = PIPELINES.stream()
                        .allMatch(p -> metastore
                                .schedules()
                                .cursor(p)
                                .map(c -> !c.lastTick().isBefore(end.minusSeconds(2)))
                                .orElse(false));
                boolean closed = metastore.schedules().openTicks().stream()
                        .noneMatch(t -> !t.scheduledAt().isAfter(end));
                if (caughtUp && closed) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the last scheduler did not catch up in 3 minutes: " + Weir.outSoFar(project));
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Metastore metastore() {
        return SqlMetastore.open("jdbc:sqlite:" + project.resolve(".weir/weir.db"));
    }

    private static Set<Instant> evenSecondsBetween(Instant after, Instant upTo) {
        Set<Instant> times = new TreeSet<>();
        Instant t = after.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        if (t.getEpochSecond() % 2 != 0) {
            t = t.plusSeconds(1);
        }
        for (; !t.isAfter(upTo); t = t.plus(Duration.ofSeconds(2))) {
            if (t.isAfter(after)) {
                times.add(t);
            }
        }
        return times;
    }

    private void write(String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
