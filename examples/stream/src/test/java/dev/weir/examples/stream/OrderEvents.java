package dev.weir.examples.stream;

import dev.weir.connectors.kafka.SharedKafka;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Order events sent to a topic, keyed by order (so one order's events share a partition), with a
 * share of malformed ones; what each should become is worked out here from what was sent, not by
 * Weir: a bronze row per valid message, a reject per malformed one, and each order's latest valid
 * event in silver.
 */
final class OrderEvents {
    static final int PARTITIONS = 3;
    private static final List<String> STATUSES = List.of("placed", "paid", "shipped", "cancelled");
    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 1, 8, 0);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A message as sent and where it landed. */
    record Sent(int partition, long offset, long orderId, String value, boolean valid, List<String> fields) {
        String position() {
            return partition + ":" + offset;
        }
    }

    private final String topic;
    private final int orders;
    private final Random random;
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private int sequence;

    OrderEvents(String topic, int orders, long seed) {
        this.topic = topic;
        this.orders = orders;
        this.random = new Random(seed);
        SharedKafka.createTopic(topic, PARTITIONS);
    }

    /** Sends {@code count} events and waits until the broker has them all. */
    void send(int count) {
        try (KafkaProducer<String, String> producer = SharedKafka.producer()) {
            List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
            List<Object[]> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long orderId = 1 + random.nextInt(orders);
                int n = sequence++;
                String status = STATUSES.get(random.nextInt(STATUSES.size()));
                String amount = (10 + random.nextInt(9_000)) / 100 + "." + String.format("%02d", random.nextInt(100));
                String updatedAt = START.plusSeconds(n).format(TIMESTAMP);
                List<String> fields = List.of(Long.toString(orderId), status, amount, updatedAt);
                String value = "{\"order_id\": " + orderId + ", \"status\": \"" + status + "\", \"amount\": \"" + amount
                        + "\", \"updated_at\": \"" + updatedAt + "\"}";
                boolean valid = true;
                switch (random.nextInt(40)) {
                    case 0 -> {
                        value = value.replace("\"amount\": \"", "\"amount\": \"1O");
                        valid = false;
                    }
                    case 1 -> {
                        value = "order " + orderId + " " + status;
                        valid = false;
                    }
                    case 2 -> {
                        value = value.replace("\"status\": \"" + status + "\"", "\"status\": \"Lost\"");
                        valid = false;
                    }
                    default -> {}
                }
                int partition = (int) (orderId % PARTITIONS);
                acks.add(producer.send(new ProducerRecord<>(topic, partition, Long.toString(orderId), value)));
                pending.add(new Object[] {orderId, value, valid, fields});
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                RecordMetadata ack = acks.get(i).get();
                Object[] p = pending.get(i);
                @SuppressWarnings("unchecked")
                List<String> fields = (List<String>) p[3];
                sent.add(new Sent(ack.partition(), ack.offset(), (Long) p[0], (String) p[1], (Boolean) p[2], fields));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The positions ({@code partition:offset}) of the valid messages sent, sorted. */
    List<String> validPositions() {
        return sent().stream().filter(Sent::valid).map(Sent::position).sorted().toList();
    }

    /** The origins of the malformed messages sent, as the quarantine writes them, sorted. */
    List<String> rejectOrigins() {
        return sent().stream()
                .filter(s -> !s.valid())
                .map(s -> topic + "/" + s.partition() + ":" + s.offset())
                .sorted()
                .toList();
    }

    /** Each order's latest valid event: order id, status, amount, updated_at, offset. */
    Map<String, List<String>> latest() {
        Map<String, Sent> latest = new TreeMap<>();
        for (Sent s : sent()) {
            if (s.valid()) {
                latest.merge(Long.toString(s.orderId()), s, (a, b) -> a.offset() > b.offset() ? a : b);
            }
        }
        Map<String, List<String>> rows = new TreeMap<>();
        latest.forEach((id, s) -> {
            List<String> row = new ArrayList<>(s.fields());
            row.add(Long.toString(s.offset()));
            rows.put(id, row);
        });
        return rows;
    }
}
