package dev.weir.connectors.kafka;

import static dev.weir.core.spec.load.ValueType.INTEGER;
import static dev.weir.core.spec.load.ValueType.NUMBER;
import static dev.weir.core.spec.load.ValueType.STRING;
import static dev.weir.core.spec.load.ValueType.STRING_LIST;
import static dev.weir.core.spec.load.ValueType.STRING_MAP;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import dev.weir.core.spi.SourceSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@code source_system: kafka}: the JSON or Avro messages of one topic, read past the offsets
 * committed with the data ({@code strategy: log-based}).
 */
public final class KafkaSourceFactory implements SourceFactory {
    /** {@code host:port}, comma-separated, as Kafka's {@code bootstrap.servers}. */
    private static final Pattern SERVERS = Pattern.compile("[^\\s,:/]+:\\d{1,5}(,[^\\s,:/]+:\\d{1,5})*");

    private static final MappingRule KEYS = MappingRule.of(
            KeyRule.of("topic", STRING, "topic: shop.orders")
                    .format(
                            Pattern.compile("[A-Za-z0-9._-]{1,249}"),
                            "a topic name: letters, digits, '.', '_' and '-'"),
            // declared exactly as the file source declares it: a key two sources share must be one rule
            KeyRule.of("columns", STRING_MAP, "columns: {order_id: BIGINT NOT NULL, amount: \"DECIMAL(10,2)\"}"),
            KeyRule.of("nested", STRING, "nested: flatten")
                    .oneOf(List.of("json", "flatten"))
                    .defaultsTo("json"),
            KeyRule.of("message_columns", STRING_LIST, "message_columns: [key, partition, offset, timestamp]"),
            KeyRule.of("start_at", STRING, "start_at: 2024-03-01T00:00:00Z").defaultsTo("earliest"),
            KeyRule.of("max_messages", INTEGER, "max_messages: 100000")
                    .range(1, 100_000_000)
                    .defaultsTo("100000"),
            KeyRule.of("max_batch_seconds", NUMBER, "max_batch_seconds: 60").defaultsTo("60"),
            KeyRule.of("timeout_seconds", NUMBER, "timeout_seconds: 30").defaultsTo("30"),
            KeyRule.of("on_missing_messages", STRING, "on_missing_messages: skip")
                    .oneOf(List.of("fail", "skip"))
                    .defaultsTo("fail"),
            KeyRule.of("properties", STRING_MAP, "properties: {security.protocol: SASL_SSL}"),
            KeyRule.of("value_format", STRING, "value_format: avro")
                    .oneOf(List.of("json", "avro", "avro-confluent"))
                    .defaultsTo("json"),
            KeyRule.of("schema_file", STRING, "schema_file: schemas/order.avsc"),
            KeyRule.of("tombstones", STRING, "tombstones: delete")
                    .oneOf(List.of("reject", "delete"))
                    .defaultsTo("reject"),
            KeyRule.of("key_columns", STRING_LIST, "key_columns: [order_id]"));

    @Override
    public String sourceSystem() {
        return "kafka";
    }

    @Override
    public MappingRule keys() {
        return KEYS;
    }

    @Override
    public Set<ExtractStrategy> strategies() {
        return EnumSet.of(ExtractStrategy.LOG_BASED);
    }

    @Override
    public Optional<SourceOptions> read(SourceSection extract) {
        boolean valid = checkConnection(extract) & checkTopic(extract) & checkProperties(extract);
        Optional<Optional<AvroValueFormat>> avro = avro(extract);
        Optional<List<DeclaredColumn>> columns = avro.flatMap(a -> columns(extract, a));
        Optional<List<MessageColumn>> messageColumns = messageColumns(extract);
        Optional<Optional<Instant>> startAt = startAt(extract);
        Optional<Duration> maxBatchTime = seconds(extract, "max_batch_seconds");
        Optional<Duration> timeout = seconds(extract, "timeout_seconds");
        Optional<List<String>> tombstoneKeys = columns.flatMap(c -> tombstoneKeys(extract, c));
        if (!valid
                || columns.isEmpty()
                || tombstoneKeys.isEmpty()
                || messageColumns.isEmpty()
                || startAt.isEmpty()
                || maxBatchTime.isEmpty()
                || timeout.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KafkaSourceOptions(
                extract.text("topic").orElseThrow(),
                columns.get(),
                extract.text("nested").orElseThrow().equals("flatten"),
                messageColumns.get(),
                startAt.get(),
                Integer.parseInt(extract.text("max_messages").orElseThrow()),
                maxBatchTime.get(),
                timeout.get(),
                extract.text("on_missing_messages").orElseThrow().equals("skip"),
                extract.pairs("properties"),
                tombstoneKeys.get(),
                avro.get()));
    }

    @Override
    public Source open(ExtractSpec extract, SourceContext context) {
        return new KafkaSource(extract.connection(), (KafkaSourceOptions) extract.options(), context);
    }

    private static boolean checkConnection(SourceSection extract) {
        if (!SERVERS.matcher(extract.connection()).matches()) {
            extract.problem(
                    "connection",
                    "Invalid connection '" + extract.connection()
                            + "': a kafka source connects to its brokers' host:port",
                    "write the bootstrap servers, such as 'connection: localhost:9092' or"
                            + " 'connection: broker1:9092,broker2:9092'");
            return false;
        }
        return true;
    }

    private static boolean checkTopic(SourceSection extract) {
        if (!extract.has("topic")) {
            extract.problem(
                    "topic", "Missing required key 'topic'", "name the topic to read, such as 'topic: shop.orders'");
            return false;
        }
        return true;
    }

    private static boolean checkProperties(SourceSection extract) {
        for (String key : extract.pairs("properties").keySet()) {
            if (KafkaSource.OWNED_PROPERTIES.contains(key)) {
                extract.problem(
                        "properties",
                        "Consumer property '" + key + "' is set by Weir",
                        "remove it: Weir reads from the offsets in the table, committed transactions only,"
                                + " with the brokers of extract.connection");
                return false;
            }
        }
        return true;
    }

    /** {@code value_format} and {@code schema_file}: empty (a problem) when the schema cannot be read. */
    private static Optional<Optional<AvroValueFormat>> avro(SourceSection extract) {
        String format = extract.text("value_format").orElseThrow();
        Optional<String> file = extract.text("schema_file");
        if (format.equals("json")) {
            if (file.isPresent()) {
                extract.problem(
                        "schema_file",
                        "schema_file is read only for Avro values",
                        "add 'value_format: avro' (or avro-confluent) for Avro values, or remove schema_file");
                return Optional.empty();
            }
            return Optional.of(Optional.empty());
        }
        if (file.isEmpty()) {
            extract.problem(
                    "schema_file",
                    "value_format: " + format + " needs schema_file",
                    "name the Avro schema the values were written with, such as 'schema_file: schemas/order.avsc'"
                            + " (relative to the project)");
            return Optional.empty();
        }
        Path path = extract.projectRoot().resolve(file.get());
        if (!Files.isRegularFile(path)) {
            extract.problem(
                    "schema_file",
                    "Avro schema " + file.get() + " does not exist",
                    "give a path relative to the project of an Avro schema in JSON (.avsc)");
            return Optional.empty();
        }
        try {
            Schema schema = new Schema.Parser().parse(path.toFile());
            if (schema.getType() != Schema.Type.RECORD) {
                extract.problem(
                        "schema_file",
                        "Schema " + file.get() + " is a " + schema.getType().getName() + ", not a record",
                        "a message's value is a row: give the schema of a record, whose fields are its columns");
                return Optional.empty();
            }
            return Optional.of(Optional.of(new AvroValueFormat(schema, file.get(), format.equals("avro-confluent"))));
        } catch (IOException | SchemaParseException e) {
            extract.problem(
                    "schema_file",
                    "Cannot read Avro schema " + file.get() + ": "
                            + (e.getCause() instanceof JsonProcessingException json
                                    ? json.getOriginalMessage()
                                    : e.getMessage()),
                    "give a path relative to the project of an Avro schema in JSON (.avsc)");
            return Optional.empty();
        }
    }

    private static Optional<List<DeclaredColumn>> columns(SourceSection extract, Optional<AvroValueFormat> avro) {
        if (!extract.has("columns") && avro.isPresent()) {
            try {
                return Optional.of(
                        avro.get().columns(extract.text("nested").orElseThrow().equals("flatten")));
            } catch (IllegalArgumentException e) {
                extract.problem(
                        "schema_file",
                        "A field of " + avro.get().file() + " has no column type: " + e.getMessage(),
                        "declare the columns yourself, such as 'columns: {order_id: BIGINT NOT NULL}'");
                return Optional.empty();
            }
        }
        if (!extract.has("columns")) {
            extract.problem(
                    "columns",
                    "Missing required key 'columns'",
                    "declare the columns of a message's JSON value, such as"
                            + " 'columns: {order_id: BIGINT NOT NULL, updated_at: TIMESTAMP, status: VARCHAR}'");
            return Optional.empty();
        }
        return DeclaredColumn.declaredIn(
                extract, "; with nested: flatten, the field customer.name is column customer_name");
    }

    private static Optional<List<MessageColumn>> messageColumns(SourceSection extract) {
        List<MessageColumn> columns = new ArrayList<>();
        for (String name : extract.strings("message_columns")) {
            Optional<MessageColumn> column = Arrays.stream(MessageColumn.values())
                    .filter(c -> c.yamlName().equals(name.toLowerCase(Locale.ROOT)))
                    .findFirst();
            if (column.isEmpty() || columns.contains(column.get())) {
                extract.problem(
                        "message_columns",
                        column.isEmpty()
                                ? "Unknown message column '" + name + "'"
                                : "Message column '" + name + "' is listed twice",
                        "list each at most once, of: "
                                + Arrays.stream(MessageColumn.values())
                                        .map(MessageColumn::yamlName)
                                        .collect(Collectors.joining(", ")));
                return Optional.empty();
            }
            columns.add(column.get());
        }
        return Optional.of(columns);
    }

    /**
     * {@code key_columns}, the declared columns a message's key holds, which {@code tombstones: delete}
     * needs and nothing else reads; empty when tombstones are rejects.
     */
    private static Optional<List<String>> tombstoneKeys(SourceSection extract, List<DeclaredColumn> columns) {
        boolean delete = extract.text("tombstones").orElseThrow().equals("delete");
        List<String> keys = extract.strings("key_columns");
        if (delete && keys.isEmpty()) {
            extract.problem(
                    "key_columns",
                    "tombstones: delete needs key_columns",
                    "name the columns the message key holds, such as 'key_columns: [order_id]': a tombstone has"
                            + " no value, so its key is all that says which row it deletes");
            return Optional.empty();
        }
        if (!delete && !keys.isEmpty()) {
            extract.problem(
                    "key_columns",
                    "key_columns is read only with tombstones: delete",
                    "add 'tombstones: delete' to delete a key on its tombstone, or remove key_columns");
            return Optional.empty();
        }
        List<String> declared = new ArrayList<>();
        for (String key : keys) {
            Optional<DeclaredColumn> column =
                    columns.stream().filter(c -> c.name().equalsIgnoreCase(key)).findFirst();
            if (column.isEmpty()) {
                extract.problem(
                        "key_columns",
                        "Key column '" + key + "' is not one of the columns",
                        "declare it in columns, with its type: a tombstone's key is converted as the value's field"
                                + " would be");
                return Optional.empty();
            }
            declared.add(column.get().name());
        }
        return Optional.of(declared);
    }

    /** {@code start_at}: {@code earliest} (empty), or an ISO-8601 time with its offset. */
    private static Optional<Optional<Instant>> startAt(SourceSection extract) {
        String text = extract.text("start_at").orElseThrow();
        if (text.equals("earliest")) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(OffsetDateTime.parse(text).toInstant()));
        } catch (DateTimeParseException e) {
            extract.problem(
                    "start_at",
                    "Invalid start_at '" + text + "'",
                    "write 'earliest' (the oldest message the topic keeps) or a time with its offset, such as"
                            + " '2024-03-01T00:00:00Z': a partition never read starts at its first message from then on");
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(SourceSection extract, String key) {
        double seconds = Double.parseDouble(extract.text(key).orElseThrow());
        if (seconds <= 0 || seconds > 86_400) {
            extract.problem(
                    key, key + " must be more than 0 and at most 86400", "write a number such as '" + key + ": 30'");
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(seconds * 1e9)));
    }
}
