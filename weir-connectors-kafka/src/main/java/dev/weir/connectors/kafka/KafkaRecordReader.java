package dev.weir.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.weir.connectors.file.JsonRecordConverter;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one bounded batch of a topic: each partition from the offset the table committed up to the
 * end it had when the run began, at most {@code max_messages} in all and for at most
 * {@code max_batch_seconds}. Every message becomes a row or a reject, never nothing; where the
 * batch stopped is {@link #reached()}, the position the run commits with the rows. A message's
 * origin is {@code topic/partition:offset}.
 */
final class KafkaRecordReader implements RecordReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final KafkaSourceOptions options;
    private final Map<TopicPartition, Long> end;
    private final Map<Integer, Long> next;
    private final JsonRecordConverter converter;
    private final TombstoneRows tombstones;
    private final Optional<AvroValueFormat.Reader> avro;
    private final Cancellation cancellation;
    /** One origin string per partition: a sink tells record sources apart by instance. */
    private final Map<Integer, String> origins = new HashMap<>();

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * @param start the next offset to read per partition
     * @param end the offset past the last message to read per partition (the end when the run began)
     */
    KafkaRecordReader(
            Consumer<byte[], byte[]> consumer,
            KafkaSourceOptions options,
            Map<TopicPartition, Long> start,
            Map<TopicPartition, Long> end,
            Cancellation cancellation) {
        this.consumer = consumer;
        this.options = options;
        this.end = Map.copyOf(end);
        this.next = new TreeMap<>();
        start.forEach((partition, offset) -> next.put(partition.partition(), offset));
        this.converter = new JsonRecordConverter(options.columns(), options.flatten());
        this.tombstones = new TombstoneRows(options.columns(), options.tombstoneKeys());
        this.avro = options.avro().map(AvroValueFormat::reader);
        this.cancellation = cancellation;
    }

    /** The offsets this batch read up to: the position a run commits once it loaded what {@link #read} handed over. */
    TopicOffsets reached() {
        return new TopicOffsets(options.topic(), new TreeMap<>(next));
    }

    @Override
    public void read(RecordSink sink) {
        List<TopicPartition> open = end.keySet().stream()
                .filter(p -> next.get(p.partition()) < end.get(p))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
        consumer.assign(open);
        open.forEach(p -> consumer.seek(p, next.get(p.partition())));
        MessageSink messages = new MessageSink(sink);
        long deadline = System.nanoTime() + options.maxBatchTime().toNanos();
        int read = 0;
        boolean cutShort = false;
        while (!cutShort && !consumer.assignment().isEmpty()) {
            cancellation.check();
            if (System.nanoTime() > deadline) {
                break;
            }
            ConsumerRecords<byte[], byte[]> polled = poll();
            for (TopicPartition partition : polled.partitions()) {
                for (ConsumerRecord<byte[], byte[]> message : polled.records(partition)) {
                    if (message.offset() >= end.get(partition)) {
                        break;
                    }
                    if (read == options.maxMessages()) {
                        cutShort = true;
                        break;
                    }
                    messages.hand(message);
                    next.put(partition.partition(), message.offset() + 1);
                    read++;
                }
            }
            if (!cutShort) {
                finishReadPartitions();
            }
        }
    }

    /**
     * Moves past what a partition holds below its end that is no message (transaction markers,
     * compacted offsets), and stops reading the partitions that reached their end.
     */
    private void finishReadPartitions() {
        List<TopicPartition> stillOpen = consumer.assignment().stream()
                .filter(partition -> {
                    long position = Math.min(consumer.position(partition), end.get(partition));
                    next.merge(partition.partition(), position, Math::max);
                    return next.get(partition.partition()) < end.get(partition);
                })
                .toList();
        if (stillOpen.size() < consumer.assignment().size()) {
            consumer.assign(stillOpen);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        try {
            return consumer.poll(POLL);
        } catch (OffsetOutOfRangeException e) {
            throw KafkaSource.retentionGap(
                    options.topic(), e.offsetOutOfRangePartitions().keySet());
        } catch (KafkaException e) {
            throw new WeirException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot read topic '" + options.topic() + "': " + e.getMessage(),
                    null,
                    "check that the brokers are up and that Weir may read the topic; nothing of this run is"
                            + " committed, and the next run reads again from the offsets in the table",
                    e);
        }
    }

    /**
     * The values of the messages at {@code lines} (offsets) of {@code file} (a {@code topic/partition}
     * as handed to the sink), read again from the brokers, as UTF-8 text.
     */
    @Override
    public Map<Long, String> texts(String file, SortedSet<Long> lines) {
        int slash = file.lastIndexOf('/');
        TopicPartition partition = new TopicPartition(options.topic(), Integer.parseInt(file.substring(slash + 1)));
        Map<Long, String> texts = new LinkedHashMap<>();
        consumer.assign(List.of(partition));
        for (long offset : lines) {
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + options.timeout().toNanos();
            List<ConsumerRecord<byte[], byte[]>> polled = List.of();
            while (polled.isEmpty() && System.nanoTime() < deadline) {
                polled = poll().records(partition);
            }
            // the first message at or after the offset: another one means the offset holds none any more
            if (!polled.isEmpty() && polled.get(0).offset() == offset) {
                texts.put(offset, text(polled.get(0).value()));
            }
        }
        return texts;
    }

    /** A value as the quarantine keeps it: JSON as sent (UTF-8), Avro as its record in JSON (base64 when it is none). */
    private String text(byte[] value) {
        if (value == null) {
            return "";
        }
        return avro.map(a -> a.text(value)).orElseGet(() -> new String(value, StandardCharsets.UTF_8));
    }

    private String origin(ConsumerRecord<byte[], byte[]> message) {
        return origins.computeIfAbsent(message.partition(), p -> options.topic() + "/" + p);
    }

    /**
     * Hands one message on as a row of the value's columns and the message columns, or as a reject
     * that keeps the message's own text.
     */
    private final class MessageSink implements RecordSink {
        private final RecordSink sink;
        private final int valueColumns = options.columns().size();
        private ConsumerRecord<byte[], byte[]> message;

        MessageSink(RecordSink sink) {
            this.sink = sink;
        }

        void hand(ConsumerRecord<byte[], byte[]> message) {
            this.message = message;
            String where = origin(message);
            if (message.value() == null && options.deletesOnTombstone()) {
                tombstones.convert(message.key(), where, message.offset(), this);
                return;
            }
            if (message.value() == null) {
                sink.reject(new RecordReject(
                        "tombstone",
                        "the message has no value: it deletes key '"
                                + (message.key() == null ? "" : new String(message.key(), StandardCharsets.UTF_8))
                                + "', which Weir applies only with extract.tombstones: delete",
                        "",
                        where + ":" + message.offset()));
                return;
            }
            if (avro.isPresent()) {
                try {
                    converter.convert(avro.get().decode(message.value()), where, message.offset(), this);
                } catch (AvroValueFormat.MalformedValue e) {
                    sink.reject(new RecordReject(
                            "malformed_record", e.getMessage(), text(message.value()), where + ":" + message.offset()));
                }
                return;
            }
            JsonNode value;
            try {
                value = json.readTree(message.value());
            } catch (JsonProcessingException e) {
                sink.reject(new RecordReject(
                        "malformed_record",
                        "the value is not valid JSON ("
                                + e.getOriginalMessage().lines().findFirst().orElse("") + ")",
                        text(message.value()),
                        where + ":" + message.offset()));
                return;
            } catch (IOException e) {
                throw new IllegalStateException("reading bytes in memory failed", e);
            }
            if (value == null || value.isMissingNode()) {
                sink.reject(
                        new RecordReject("malformed_record", "the value is empty", "", where + ":" + message.offset()));
                return;
            }
            converter.convert(value, where, message.offset(), this);
        }

        /** The value's columns, then the message columns, then whether the message is a tombstone that deletes. */
        @Override
        public void row(Object[] values, String file, long line) {
            Object[] row = values;
            int messageColumns = options.messageColumns().size();
            if (messageColumns > 0 || options.deletesOnTombstone()) {
                row = Arrays.copyOf(values, valueColumns + messageColumns + (options.deletesOnTombstone() ? 1 : 0));
                for (int c = 0; c < messageColumns; c++) {
                    row[valueColumns + c] = options.messageColumns().get(c).valueOf(message);
                }
                if (options.deletesOnTombstone()) {
                    row[valueColumns + messageColumns] = message.value() == null;
                }
            }
            sink.row(row, file, line);
        }

        @Override
        public void reject(RecordReject reject) {
            sink.reject(new RecordReject(reject.reason(), reject.detail(), text(message.value()), reject.origin()));
        }
    }
}
