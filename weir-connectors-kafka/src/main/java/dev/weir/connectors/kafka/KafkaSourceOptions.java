package dev.weir.connectors.kafka;

import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.spi.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a {@code kafka} source, as {@link KafkaSourceFactory} read them.
 *
 * @param columns the columns of a message's value: declared, or for Avro values without declared
 *     columns those of the schema's fields
 * @param flatten whether nested objects become columns {@code a_b}, or stay JSON text in column {@code a}
 * @param messageColumns the message's key, partition, offset or timestamp, loaded as columns after the value's
 * @param startAt where a partition no run has read yet starts: at the first message at or after this
 *     time; empty for the first message the topic keeps
 * @param maxMessages the most messages one run reads, over all partitions
 * @param maxBatchTime the longest one run reads; what it read by then is its batch
 * @param timeout how long a request to the brokers may take before the run fails as unavailable
 * @param skipMissing whether a run goes on, with a warning, when messages it has not read yet were
 *     deleted by the topic's retention; otherwise it fails
 * @param properties consumer settings passed to the Kafka client as written (security, for example)
 * @param avro how values are decoded when they are Avro ({@code value_format: avro}); empty for JSON
 * @param tombstoneKeys the value columns a message's key holds, which a tombstone (a message without
 *     a value) fills to become a row that deletes its key; empty when tombstones are rejects
 */
record KafkaSourceOptions(
        String topic,
        List<DeclaredColumn> columns,
        boolean flatten,
        List<MessageColumn> messageColumns,
        Optional<Instant> startAt,
        int maxMessages,
        Duration maxBatchTime,
        Duration timeout,
        boolean skipMissing,
        Map<String, String> properties,
        List<String> tombstoneKeys,
        Optional<AvroValueFormat> avro)
        implements SourceOptions {
    KafkaSourceOptions {
        Objects.requireNonNull(topic, "topic is null");
        columns = List.copyOf(columns);
        messageColumns = List.copyOf(messageColumns);
        Objects.requireNonNull(startAt, "startAt is null");
        Objects.requireNonNull(maxBatchTime, "maxBatchTime is null");
        Objects.requireNonNull(timeout, "timeout is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        tombstoneKeys = List.copyOf(tombstoneKeys);
        Objects.requireNonNull(avro, "avro is null");
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be positive");
        }
    }

    /** Whether a tombstone becomes a row that deletes its key ({@code tombstones: delete}). */
    boolean deletesOnTombstone() {
        return !tombstoneKeys.isEmpty();
    }

    @Override
    public Optional<String> deleteMarker() {
        return deletesOnTombstone() ? Optional.of(KafkaSource.DELETED.name()) : Optional.empty();
    }

    @Override
    public boolean measuresLag() {
        return true;
    }
}
