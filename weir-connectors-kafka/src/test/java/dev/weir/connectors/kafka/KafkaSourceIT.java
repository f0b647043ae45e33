package dev.weir.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.weir.connectors.file.CollectingSink;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka source against a real KRaft broker in this JVM. */
class KafkaSourceIT {
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @TempDir
    Path scratch;

    private static String newTopic(int partitions) {
        String topic = "orders-" + TOPICS.incrementAndGet();
        SharedKafka.createTopic(topic, partitions);
        return topic;
    }

    private static List<String> orders(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> "{\"id\": " + i + ", \"amount\": \"" + i + ".50\"}")
                .toList();
    }

    private static KafkaSourceOptions options(String topic, int maxMessages, List<MessageColumn> messageColumns) {
        return new KafkaSourceOptions(
                topic,
                List.of(DeclaredColumn.parse("id", "BIGINT NOT NULL"), DeclaredColumn.parse("amount", "DECIMAL(10,2)")),
                false,
                messageColumns,
                Optional.empty(),
                maxMessages,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                false,
                Map.of(),
                List.of(),
                Optional.empty());
    }

    private record Read(SourceBatch batch, CollectingSink collected, Optional<Position> end) {}

    private Read read(KafkaSourceOptions options, Optional<Position> previous) {
        try (KafkaSource source = new KafkaSource(SharedKafka.servers(), options, context())) {
            SourceBatch batch = source.open(previous);
            CollectingSink collected = new CollectingSink();
            if (!batch.empty()) {
                ((Batch.Records) batch.batch()).reader().read(collected);
            }
            return new Read(
                    batch, collected, batch.empty() ? previous : batch.end().resolve(null));
        }
    }

    private SourceContext context() {
        return new SourceContext("orders", scratch, scratch, name -> Optional.empty(), Cancellation.NEVER);
    }

    @Test
    void aRunReadsEveryPartitionToItsEndAndTheNextStartsAtTheOffsetsItCommitted() {
        String topic = newTopic(3);
        for (int p = 0; p < 3; p++) {
            SharedKafka.send(topic, p, "k", orders(p * 100, p * 100 + 10));
        }
        KafkaSourceOptions options = options(topic, 100_000, List.of());

        Read first = read(options, Optional.empty());
        SharedKafka.send(topic, 1, "k", orders(500, 505));
        Read second = read(options, first.end());
        Read third = read(options, second.end());

        assertThat(first.collected().rows).hasSize(30);
        assertThat(first.end().orElseThrow().display()).isEqualTo(topic + "[0:10,1:10,2:10]");
        assertThat(second.collected().column(0)).containsExactly(500L, 501L, 502L, 503L, 504L);
        assertThat(second.collected().rowOrigins)
                .containsExactly(topic + "/1:10", topic + "/1:11", topic + "/1:12", topic + "/1:13", topic + "/1:14");
        assertThat(second.end().orElseThrow().display()).isEqualTo(topic + "[0:10,1:15,2:10]");
        assertThat(third.batch().empty()).isTrue();
    }

    @Test
    void aBatchStopsAtMaxMessagesAndTheNextBatchGoesOnFromThere() {
        String topic = newTopic(1);
        SharedKafka.send(topic, 0, "k", orders(0, 20));
        KafkaSourceOptions options = options(topic, 7, List.of());

        Optional<Position> position = Optional.empty();
        StringBuilder sizes = new StringBuilder();
        for (int run = 0; run < 4; run++) {
            Read read = read(options, position);
            sizes.append(read.batch().empty() ? "empty" : read.collected().rows.size())
                    .append(' ');
            position = read.end();
        }

        assertThat(sizes.toString().trim()).isEqualTo("7 7 6 empty");
    }

    @Test
    void everyMessageThatIsNoRowIsARejectWithItsOffsetAndItsOwnText() {
        String topic = newTopic(1);
        SharedKafka.send(
                topic,
                0,
                "k",
                List.of(
                        "{\"id\": 1, \"amount\": \"1.00\"}",
                        "not json",
                        "[1, 2]",
                        "{\"id\": 4, \"amount\": \"1O.00\"}",
                        "{\"amount\": \"2.00\"}"));
        try (KafkaProducer<String, String> producer = SharedKafka.producer()) {
            producer.send(new ProducerRecord<>(topic, 0, "order-6", null));
        }

        Read read = read(options(topic, 100, List.of()), Optional.empty());

        assertThat(read.collected().rows).hasSize(1);
        assertThat(read.collected().rejects)
                .extracting(RecordReject::reason, RecordReject::origin, RecordReject::record)
                .containsExactly(
                        tuple("malformed_record", topic + "/0:1", "not json"),
                        tuple("malformed_record", topic + "/0:2", "[1, 2]"),
                        tuple("malformed_number", topic + "/0:3", "{\"id\": 4, \"amount\": \"1O.00\"}"),
                        tuple("null_required", topic + "/0:4", "{\"amount\": \"2.00\"}"),
                        tuple("tombstone", topic + "/0:5", ""));
        assertThat(read.collected().rejects.get(4).detail()).contains("order-6");
        assertThat(read.end().orElseThrow().display()).isEqualTo(topic + "[0:6]");
    }

    @Test
    void messagesOfAbortedOrOpenTransactionsAreNeverRead() throws Exception {
        String topic = newTopic(1);
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.servers());
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "weir-test-" + topic);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            orders(0, 3).forEach(v -> producer.send(new ProducerRecord<>(topic, 0, "k", v)));
            producer.commitTransaction();
            producer.beginTransaction();
            orders(3, 5).forEach(v -> producer.send(new ProducerRecord<>(topic, 0, "k", v)));
            producer.abortTransaction();
            producer.beginTransaction();
            orders(5, 6).forEach(v -> producer.send(new ProducerRecord<>(topic, 0, "k", v)));
            producer.commitTransaction();
            producer.beginTransaction();
            orders(6, 8).forEach(v -> producer.send(new ProducerRecord<>(topic, 0, "k", v)));
            producer.flush();
            KafkaSourceOptions options = options(topic, 100, List.of());

            Read whileOpen = read(options, Optional.empty());
            producer.commitTransaction();
            Read afterCommit = read(options, whileOpen.end());

            assertThat(whileOpen.collected().column(0)).containsExactly(0L, 1L, 2L, 5L);
            assertThat(afterCommit.collected().column(0)).containsExactly(6L, 7L);
        }
    }

    @Test
    void messageColumnsCarryKeyPartitionOffsetAndTimestamp() {
        String topic = newTopic(2);
        SharedKafka.send(topic, 1, "order-7", orders(7, 8));

        Read read = read(
                options(
                        topic,
                        100,
                        List.of(
                                MessageColumn.KEY,
                                MessageColumn.PARTITION,
                                MessageColumn.OFFSET,
                                MessageColumn.TIMESTAMP)),
                Optional.empty());

        List<Object> row = read.collected().rows.get(0);
        assertThat(row.subList(0, 5)).containsExactly(7L, new BigDecimal("7.50"), "order-7", 1, 0L);
        assertThat(row.get(5)).isInstanceOf(OffsetDateTime.class);
    }

    @Test
    void theTextsOfRowsAreReadAgainByOffset() {
        String topic = newTopic(1);
        SharedKafka.send(topic, 0, "k", orders(0, 5));
        try (KafkaSource source = new KafkaSource(SharedKafka.servers(), options(topic, 100, List.of()), context())) {
            SourceBatch batch = source.open(Optional.empty());
            Batch.Records records = (Batch.Records) batch.batch();
            records.reader().read(new CollectingSink());

            Map<Long, String> texts = records.reader().texts(topic + "/0", new TreeSet<>(List.of(1L, 3L)));

            assertThat(texts)
                    .containsExactly(
                            Map.entry(1L, orders(1, 2).get(0)),
                            Map.entry(3L, orders(3, 4).get(0)));
        }
    }

    @Test
    void startAtSkipsTheMessagesBeforeItOnAPartitionNeverRead() {
        String topic = newTopic(1);
        Instant cut = Instant.parse("2024-03-01T00:00:00Z");
        try (KafkaProducer<String, String> producer = SharedKafka.producer()) {
            List<String> values = orders(0, 4);
            for (int i = 0; i < values.size(); i++) {
                long time = cut.plusSeconds(i < 2 ? -60 + i : i).toEpochMilli();
                producer.send(new ProducerRecord<>(topic, 0, time, "k", values.get(i)));
            }
        }
        KafkaSourceOptions base = options(topic, 100, List.of());
        KafkaSourceOptions options = new KafkaSourceOptions(
                base.topic(),
                base.columns(),
                false,
                List.of(),
                Optional.of(cut),
                100,
                base.maxBatchTime(),
                base.timeout(),
                false,
                Map.of(),
                List.of(),
                Optional.empty());

        assertThat(read(options, Optional.empty()).collected().column(0)).containsExactly(2L, 3L);
    }

    @Test
    void messagesDeletedByRetentionBeforeTheyWereReadFailTheRunUnlessSkipped() throws Exception {
        String topic = newTopic(1);
        SharedKafka.send(topic, 0, "k", orders(0, 4));
        KafkaSourceOptions options = options(topic, 100, List.of());
        Optional<Position> afterTwo =
                read(options(topic, 2, List.of()), Optional.empty()).end();
        SharedKafka.send(topic, 0, "k", orders(4, 6));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.servers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(3)))
                    .all()
                    .get();
        }

        assertThatThrownBy(() -> read(options, afterTwo))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("were deleted by retention before Weir read them (partition 0)");
        KafkaSourceOptions skipping = new KafkaSourceOptions(
                topic,
                options.columns(),
                false,
                List.of(),
                Optional.empty(),
                100,
                options.maxBatchTime(),
                options.timeout(),
                true,
                Map.of(),
                List.of(),
                Optional.empty());
        Read skipped = read(skipping, afterTwo);
        assertThat(skipped.collected().column(0)).containsExactly(3L, 4L, 5L);
        assertThat(skipped.batch().warnings())
                .containsExactly("messages deleted by retention before they were read: 1 of partition 0;"
                        + " skipped (extract.on_missing_messages: skip)");
    }

    @Test
    void offsetsPastTheTopicsEndFailInsteadOfGuessing() {
        String topic = newTopic(1);
        SharedKafka.send(topic, 0, "k", orders(0, 2));
        Position elsewhere = new TopicOffsets(topic, new TreeMap<>(Map.of(0, 50L))).toPosition();

        assertThatThrownBy(() -> read(options(topic, 100, List.of()), Optional.of(elsewhere)))
                .isInstanceOf(WeirException.class)
                .hasMessageContaining("ends at offset 2, before offset 50 that the table committed");
    }

    @Test
    void aProbeFindsTheTopicOrNamesWhatIsMissing() {
        String topic = newTopic(2);
        try (KafkaSource present = new KafkaSource(SharedKafka.servers(), options(topic, 100, List.of()), context());
                KafkaSource missing =
                        new KafkaSource(SharedKafka.servers(), options("no-such-topic", 100, List.of()), context())) {
            present.probe();
            assertThatThrownBy(missing::probe)
                    .isInstanceOf(WeirException.class)
                    .hasMessage("Topic 'no-such-topic' does not exist on " + SharedKafka.servers());
        }
    }

    @Test
    void aTopicThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> read(options("no-such-topic", 100, List.of()), Optional.empty()))
                .isInstanceOf(WeirException.class)
                .hasMessage("Topic 'no-such-topic' does not exist on " + SharedKafka.servers());
    }
}
