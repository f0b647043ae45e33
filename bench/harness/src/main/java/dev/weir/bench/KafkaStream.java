package dev.weir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.connectors.kafka.SharedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Messages of a Kafka topic followed into Iceberg by {@code weir run --follow}: a producer sends
 * keyed JSON messages (half of them new keys, half updates of earlier ones) to three partitions at
 * a fixed rate for a window, each stamped with its send time. Each message is delivered by the
 * first Iceberg commit whose offsets (in {@code weir.position}) are past it in its partition. The
 * broker is one KRaft node in this JVM. As the CDC scenario waits for its initial snapshot's commit,
 * this one sends a first message and waits for its commit before the measured window, so that no
 * measured message waits for the JVM's start-up.
 */
final class KafkaStream {
    static final String TOPIC = "bench.events";
    private static final int PARTITIONS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSITION_KIND = "kafka:";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A message as the broker acknowledged it: where it is and when it was sent. */
    private record Sent(int partition, long offset, long sentMillis) {}

    private final Path work;
    private final Contenders contenders;
    private final List<Ratio> ratios;

    KafkaStream(Path work, Contenders contenders, List<Ratio> ratios) {
        this.work = work;
        this.contenders = contenders;
        this.ratios = ratios;
    }

    void run(double rate, Duration window, Duration interval) {
        String label = String.format(Locale.ROOT, "kafka stream, %,.0f messages/s offered", rate);
        String servers = SharedKafka.servers();
        SharedKafka.createTopic(TOPIC, PARTITIONS);
        Path project = WeirProjects.kafkaStream(work.resolve("kafka-stream/weir"));
        List<String> command = contenders.weir(
                project, "run", "--follow", "--interval", interval.toSeconds() + "s", WeirProjects.KAFKA_PIPELINE);
        List<Sent> sent;
        Set<Long> keys = new HashSet<>();
        long peakRss;
        long writtenFrom;
        long writtenUntil;
        try (FollowedProcess weir = FollowedProcess.start(
                command, Map.of("BENCH_KAFKA_SERVERS", servers), work.resolve("logs/kafka-stream.log"))) {
            keys.add(sendFirst());
            weir.await(() -> !snapshots(project).isEmpty(), Duration.ofMinutes(5), "the first message");
            Pacer pacer = new Pacer(rate, window);
            writtenFrom = System.currentTimeMillis();
            sent = send(pacer, keys);
            writtenUntil = System.currentTimeMillis();
            long[] last = new long[PARTITIONS];
            Arrays.fill(last, -1);
            for (Sent s : sent) {
                last[s.partition()] = Math.max(last[s.partition()], s.offset());
            }
            weir.await(
                    () -> snapshots(project).stream().anyMatch(s -> holdsAll(next(s), last)),
                    window.multipliedBy(5).plusMinutes(2),
                    "the last message");
            peakRss = weir.peakRssBytes();
        }
        List<CommittedSnapshots.Snapshot> committed = snapshots(project);
        List<long[]> nexts = committed.stream().map(KafkaStream::next).toList();
        List<StreamFigures.Delivery> deliveries = new ArrayList<>(sent.size());
        int[] first = new int[PARTITIONS];
        List<Sent> inOrder = new ArrayList<>(sent);
        inOrder.sort(Comparator.comparingLong(Sent::offset));
        for (Sent s : inOrder) {
            int p = s.partition();
            while (nexts.get(first[p])[p] <= s.offset()) {
                first[p]++;
            }
            deliveries.add(new StreamFigures.Delivery(
                    s.sentMillis(), committed.get(first[p]).committedAtMillis(), 1));
        }
        StreamFigures.report(label, deliveries, writtenFrom, writtenUntil, interval, peakRss, ratios);
        ratios.add(Ratio.atMost(
                label + ": rows in Weir's table / keys sent, off by",
                Math.abs(committed.get(committed.size() - 1).liveRecords() / (double) keys.size() - 1),
                0));
    }

    private static List<CommittedSnapshots.Snapshot> snapshots(Path project) {
        return CommittedSnapshots.of(project, "bench", "events");
    }

    private static boolean holdsAll(long[] next, long[] last) {
        for (int p = 0; p < PARTITIONS; p++) {
            if (next[p] <= last[p]) {
                return false;
            }
        }
        return true;
    }

    /** The next offset to read per partition, as the snapshot's position has it; 0 where it has none. */
    private static long[] next(CommittedSnapshots.Snapshot snapshot) {
        long[] next = new long[PARTITIONS];
        if (snapshot.position().isEmpty() || !snapshot.position().get().startsWith(POSITION_KIND)) {
            return next;
        }
        try {
            JsonNode offsets = JSON.readTree(snapshot.position().get().substring(POSITION_KIND.length()))
                    .path("next");
            for (int p = 0; p < PARTITIONS; p++) {
                next[p] = offsets.path(Integer.toString(p)).asLong(0);
            }
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the message before the window, with a key no message of the window has, and returns that key. */
    private static long sendFirst() {
        long key = 0;
        String value = "{\"id\": " + key + ", \"amount\": \"0.0\", \"status\": \"paid\", \"updated_at\":"
                + " \"2026-01-01 00:00:00\"}";
        try (KafkaProducer<String, String> producer = SharedKafka.producer()) {
            producer.send(new ProducerRecord<>(TOPIC, Long.toString(key), value))
                    .get();
            return key;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused the first message of topic " + TOPIC, e.getCause());
        }
    }

    /** Sends messages until the pacer's window ends, in batches of 100, and returns them as acknowledged. */
    private static List<Sent> send(Pacer pacer, Set<Long> keys) {
        Random random = new Random(42);
        ConcurrentLinkedQueue<Sent> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        List<Long> known = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        try (KafkaProducer<String, String> producer = SharedKafka.producer()) {
            long done = 0;
            while (pacer.awaitTurn(done)) {
                for (int i = 0; i < 100; i++) {
                    long key;
                    if (known.isEmpty() || random.nextBoolean()) {
                        key = known.size() + 1L;
                        known.add(key);
                    } else {
                        key = known.get(random.nextInt(known.size()));
                    }
                    keys.add(key);
                    long now = System.currentTimeMillis();
                    String value = "{\"id\": " + key + ", \"amount\": \"" + random.nextInt(100_000) / 100.0
                            + "\", \"status\": \"paid\", \"updated_at\": \""
                            + start.plusSeconds(done + i).format(TIMESTAMP) + "\"}";
                    producer.send(
                            new ProducerRecord<>(TOPIC, null, now, Long.toString(key), value), (metadata, failure) -> {
                                if (failure == null) {
                                    acknowledged.add(new Sent(metadata.partition(), metadata.offset(), now));
                                } else {
                                    failures.incrementAndGet();
                                }
                            });
                }
                done += 100;
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(
                    "The broker refused " + failures.get() + " messages of topic " + TOPIC + "; see its log above");
        }
        return new ArrayList<>(acknowledged);
    }
}
