package dev.weir.connectors.kafka;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.Lag;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceLag;
import dev.weir.core.spi.SourceProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic's messages past the offsets the table committed. The batch ends, per partition, at
 * the topic's end when the run began (its last stable offset: messages of open or aborted
 * transactions are never read), so a run is bounded however fast producers write. Offsets are
 * never committed to Kafka: the table's are the only ones, so a run that died before its commit
 * reads the same messages again and one that committed never reads them twice.
 */
final class KafkaSource implements Source, SourceProbe, SourceLag {
    /** Under {@code tombstones: delete}: true for a tombstone's row, which {@code delete_when: _kafka_deleted} deletes. */
    static final Column DELETED = new Column(0, "_kafka_deleted", "boolean", true);

    private final String servers;
    private final KafkaSourceOptions options;
    private final SourceContext context;
    private Consumer<byte[], byte[]> consumer;

    KafkaSource(String servers, KafkaSourceOptions options, SourceContext context) {
        this.servers = servers;
        this.options = options;
        this.context = context;
    }

    /** The consumer settings Weir sets itself; {@code extract.properties} may not change them. */
    static final List<String> OWNED_PROPERTIES = List.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG);

    @Override
    public SourceBatch open(Optional<Position> previous) {
        context.cancellation().check();
        try {
            List<TopicPartition> partitions = connect();
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, options.timeout());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, options.timeout());
            Optional<TopicOffsets> committed = TopicOffsets.of(previous, options.topic());
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<TopicPartition, Long> unread = new LinkedHashMap<>();
            Map<TopicPartition, Long> atTime = startAtTime(partitions, committed);
            for (TopicPartition partition : partitions) {
                long from = committed
                        .flatMap(c -> c.nextOf(partition.partition()))
                        .orElseGet(() -> atTime.getOrDefault(partition, first.get(partition)));
                if (from > end.get(partition)) {
                    throw aheadOfTopic(partition, from, end.get(partition));
                }
                if (from < first.get(partition)) {
                    unread.put(partition, first.get(partition) - from);
                    from = first.get(partition);
                }
                start.put(partition, from);
            }
            List<String> warnings = new ArrayList<>();
            if (!unread.isEmpty()) {
                if (!options.skipMissing()) {
                    throw retentionGap(options.topic(), unread.keySet());
                }
                warnings.add(unread.entrySet().stream()
                                .map(e -> e.getValue() + " of partition "
                                        + e.getKey().partition())
                                .collect(Collectors.joining(
                                        ", ", "messages deleted by retention before they were read: ", ""))
                        + "; skipped (extract.on_missing_messages: skip)");
            }
            KafkaRecordReader reader = new KafkaRecordReader(consumer, options, start, end, context.cancellation());
            boolean empty = partitions.stream().allMatch(p -> start.get(p) >= end.get(p));
            Batch batch = new Batch.Records(columns(), reader, "messages of topic " + options.topic());
            BatchEnd batchEnd = staged -> Optional.of(reader.reached().toPosition());
            return new SourceBatch(batch, Optional.empty(), batchEnd, empty, warnings);
        } catch (KafkaException e) {
            throw unavailable(e);
        }
    }

    /** Reaches the brokers and finds the topic, as a run's start would; reads no message. */
    @Override
    public void probe() {
        try {
            connect();
        } catch (KafkaException e) {
            throw unavailable(e);
        }
    }

    /**
     * The messages the topic holds past the committed offsets: per partition, its end (last stable
     * offset) less the committed next offset. A partition no run has read counts every message the
     * topic keeps of it, and messages deleted by retention before they were read are not counted.
     */
    @Override
    public Lag lag(Optional<Position> committed, Duration timeout) {
        Properties settings = settings();
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        Optional<TopicOffsets> read = TopicOffsets.of(committed, options.topic());
        try (Consumer<byte[], byte[]> measuring =
                new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(measuring, timeout);
            Map<TopicPartition, Long> first = measuring.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = measuring.endOffsets(partitions, timeout);
            long behind = 0;
            SortedMap<Integer, Long> head = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                long from = Math.max(
                        first.get(partition),
                        read.flatMap(r -> r.nextOf(partition.partition())).orElse(0L));
                behind += Math.max(0, end.get(partition) - from);
                head.put(partition.partition(), end.get(partition));
            }
            return Lag.counted(new TopicOffsets(options.topic(), head).display(), behind, "messages");
        } catch (KafkaException e) {
            throw unavailable(e);
        }
    }

    /** The topic's partitions, in order, through a consumer of this source's own. */
    private List<TopicPartition> connect() {
        consumer = new KafkaConsumer<>(settings(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return partitions(consumer, options.timeout());
    }

    /**
     * Closes the consumer with the thread's interrupt set aside: a run stopped by a signal closes its
     * source on an interrupted thread, where the client would give up, wait out its close timeout and
     * throw. The consumer is in no group and has nothing to commit, so closing it is quick.
     */
    @Override
    public void close() {
        if (consumer == null) {
            return;
        }
        Cancellation.closingAside(consumer::close);
    }

    private Properties settings() {
        Properties settings = new Properties();
        settings.putAll(options.properties());
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a seek outside what the topic keeps fails instead of jumping to either end: no silent gap
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "weir-" + context.pipeline());
        settings.putIfAbsent(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(options.maxMessages(), 5_000)));
        settings.putIfAbsent(
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(options.timeout().toMillis()));
        return settings;
    }

    private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(options.topic(), timeout);
        if (infos == null || infos.isEmpty()) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Topic '" + options.topic() + "' does not exist on " + servers,
                    "check extract.topic and extract.connection; Weir does not create topics");
        }
        return infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    /** For the partitions no run has read yet, the first offset at or after {@code start_at}. */
    private Map<TopicPartition, Long> startAtTime(List<TopicPartition> partitions, Optional<TopicOffsets> committed) {
        if (options.startAt().isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> times = partitions.stream()
                .filter(p -> committed.flatMap(c -> c.nextOf(p.partition())).isEmpty())
                .collect(Collectors.toMap(p -> p, p -> options.startAt().get().toEpochMilli()));
        if (times.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, options.timeout());
        Map<TopicPartition, Long> end = consumer.endOffsets(times.keySet(), options.timeout());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        // a partition with no message that late starts at its end: it has nothing yet past start_at
        times.keySet()
                .forEach(p -> offsets.put(
                        p,
                        Optional.ofNullable(found.get(p))
                                .map(OffsetAndTimestamp::offset)
                                .orElse(end.get(p))));
        return offsets;
    }

    /**
     * The value's columns, the message columns, and {@code _kafka_deleted} under {@code tombstones:
     * delete}; a tombstone's row holds only its key, so there the other value columns may be NULL.
     */
    private List<Column> columns() {
        boolean tombstoneRows = options.deletesOnTombstone();
        Stream<Column> value = options.columns().stream()
                .map(c -> new Column(
                        0,
                        c.name(),
                        c.type().icebergName(),
                        c.required()
                                && (!tombstoneRows || options.tombstoneKeys().contains(c.name()))));
        Stream<Column> deleted = tombstoneRows ? Stream.of(DELETED) : Stream.empty();
        return Stream.concat(
                        Stream.concat(value, options.messageColumns().stream().map(MessageColumn::column)), deleted)
                .toList();
    }

    /** A run that would skip messages the topic no longer keeps fails, unless told to skip them. */
    static WeirException retentionGap(String topic, Collection<TopicPartition> partitions) {
        return WeirException.withHint(
                ErrorCode.SOURCE_FAILED,
                "Messages of topic '" + topic + "' were deleted by retention before Weir read them (partition "
                        + partitions.stream()
                                .map(p -> Integer.toString(p.partition()))
                                .sorted()
                                .collect(Collectors.joining(", "))
                        + ")",
                "they cannot be read any more: run more often than the topic's retention.ms, and to go on from the"
                        + " oldest message kept set 'on_missing_messages: skip' (the run then says how many it skipped)");
    }

    private WeirException aheadOfTopic(TopicPartition partition, long committed, long end) {
        return WeirException.withHint(
                ErrorCode.SOURCE_FAILED,
                "Partition " + partition.partition() + " of topic '" + options.topic() + "' ends at offset " + end
                        + ", before offset " + committed + " that the table committed: the topic was deleted and"
                        + " created again, or is another cluster's",
                "Weir will not guess which messages are new: check extract.connection, or load the new topic into"
                        + " a new table");
    }

    private WeirException unavailable(KafkaException e) {
        return new WeirException(
                ErrorCode.SOURCE_UNAVAILABLE,
                "Cannot read topic '" + options.topic() + "' from " + servers + ": " + e.getMessage(),
                null,
                "check that the brokers are up and reachable (extract.connection) and that Weir may read the topic",
                e);
    }
}
