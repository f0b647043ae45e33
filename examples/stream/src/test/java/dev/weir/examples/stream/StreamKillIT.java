package dev.weir.examples.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.examples.shop.Weir;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDC kill test's match for a topic: both stream pipelines, run in turns by {@code weir run}
 * and followed by {@code weir run --follow}, killed with SIGKILL at random moments at least
 * {@link #KILLS} times while a producer writes {@link #MESSAGES} messages, then left to catch up:
 * every message is in bronze once, every malformed one in the quarantine once, and silver holds
 * each order's latest event.
 */
class StreamKillIT {
    private static final int KILLS = Integer.getInteger("kills", 12);
    private static final int MESSAGES = Integer.getInteger("messages", 100_000);
    private static final int PER_SEND = 1_000;
    private static final String TOPIC = "kill-it.order_events";

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheStreamNeitherLosesNorRepeatsAMessage() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        OrderEvents events = new OrderEvents(TOPIC, 500, seed);
        StreamProject project = new StreamProject(dir.resolve("stream"), TOPIC, "max_messages: 10000");
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            for (int sent = 0; sent < MESSAGES; sent += PER_SEND) {
                events.send(PER_SEND);
                pause(500);
            }
        });
        producer.setUncaughtExceptionHandler((thread, failure) -> producerFailure.set(failure));
        producer.start();
        int kills = 0;
        int finished = 0;
        for (int attempt = 0; kills < KILLS || producer.isAlive(); attempt++) {
            boolean follow = attempt % 2 == 1;
            Process run = follow ? project.start("run", "--follow", "--interval", "1s") : project.start("run");
            // kills land before a run's first batch, mid-batch, during commits and between batches
            if (run.waitFor(500 + random.nextInt(11_500), TimeUnit.MILLISECONDS)) {
                Weir.Result result = Weir.result(project.root(), run);
                assertThat(follow)
                        .as("weir run --follow ended by itself: " + result)
                        .isFalse();
                assertThat(result.exitCode()).as(result.toString()).isZero();
                finished++;
            } else {
                run.destroyForcibly(); // SIGKILL
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
            }
        }
        producer.join();
        assertThat(producerFailure.get()).as("the producer's failure").isNull();
        int catchUp = 0;
        Weir.Result last;
        do {
            last = project.run("run");
            assertThat(last.exitCode()).as(last.toString()).isZero();
            catchUp++;
        } while (!caughtUp(last.out()) && catchUp < 40);

        List<String> bronze = project.rows("bronze.order_events").stream()
                .map(r -> r.get("_kafka_partition") + ":" + r.get("_kafka_offset"))
                .toList();
        Set<String> loaded = new HashSet<>(bronze);
        List<String> expected = events.validPositions();
        long lost = expected.stream().filter(p -> !loaded.contains(p)).count();
        System.out.printf(
                "stream kill test: %d kills, %d runs finished between them, %d catch-up runs, %,d messages sent"
                        + " (%,d valid), %d lost, %d duplicated in bronze (seed %d)%n",
                kills,
                finished,
                catchUp,
                events.sent().size(),
                expected.size(),
                lost,
                bronze.size() - loaded.size(),
                seed);
        assertThat(events.sent()).hasSizeGreaterThanOrEqualTo(MESSAGES);
        assertThat(kills).isGreaterThanOrEqualTo(10);
        assertThat(caughtUp(last.out())).as(last.toString()).isTrue();
        StreamPipelineIT.assertLoadedExactlyOnce(project, events);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean caughtUp(String out) {
        return out.matches("(?s).*bronze_order_events +extracted 0,.*")
                && out.matches("(?s).*silver_orders +extracted 0,.*");
    }
}
