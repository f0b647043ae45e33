package dev.weir.connectors.kafka;

import dev.weir.core.spi.Column;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a message carries besides its value, loaded as a column when {@code extract.message_columns}
 * names it: the offset orders a partition's messages, so {@code sequence_by: _kafka_offset} keeps
 * each key's latest message in an upsert.
 */
enum MessageColumn {
    KEY("key", new Column(0, "_kafka_key", "string", false)),
    PARTITION("partition", new Column(0, "_kafka_partition", "int", true)),
    OFFSET("offset", new Column(0, "_kafka_offset", "long", true)),
    TIMESTAMP("timestamp", new Column(0, "_kafka_timestamp", "timestamptz", true));

    private final String yamlName;
    private final Column column;

    MessageColumn(String yamlName, Column column) {
        this.yamlName = yamlName;
        this.column = column;
    }

    String yamlName() {
        return yamlName;
    }

    Column column() {
        return column;
    }

    /** The column's value for {@code message}, of the Java type the column's Iceberg type takes. */
    Object valueOf(ConsumerRecord<byte[], byte[]> message) {
        return switch (this) {
            case KEY -> message.key() == null ? null : new String(message.key(), StandardCharsets.UTF_8);
            case PARTITION -> message.partition();
            case OFFSET -> message.offset();
            case TIMESTAMP -> Instant.ofEpochMilli(message.timestamp()).atOffset(ZoneOffset.UTC);
        };
    }
}
