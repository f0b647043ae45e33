package dev.weir.examples.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.connectors.kafka.SharedKafka;
import dev.weir.examples.shop.IcebergTables;
import dev.weir.examples.shop.Weir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Avro values in the Confluent wire format through the command line against a real broker: the
 * table's columns are the schema file's fields, and a message that is no Avro of it goes to the
 * quarantine with its topic, partition and offset.
 */
class StreamAvroIT {
    private static final String TOPIC = "avro-it.orders";
    private static final String SCHEMA = """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [
              {"name": "order_id", "type": "long"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["placed", "paid"]}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "note", "type": ["null", "string"], "default": null}
            ]}
            """;

    @TempDir
    Path root;

    private static byte[] order(Schema schema, long id, String status, long cents, String note) throws IOException {
        GenericRecord record = new GenericData.Record(schema);
        record.put("order_id", id);
        record.put(
                "status", new GenericData.EnumSymbol(schema.getField("status").schema(), status));
        record.put("amount", ByteBuffer.wrap(BigInteger.valueOf(cents).toByteArray()));
        record.put("note", note);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 0, 0, 7}); // magic byte, schema id 7
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static void send(List<byte[]> values) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.servers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, value));
            }
            producer.flush();
        }
    }

    private List<String> rows(String table, String... columns) {
        try (IcebergTables tables = new IcebergTables(root)) {
            List<String> names = tables.table(table).schema().columns().stream()
                    .map(Types.NestedField::name)
                    .toList();
            List<String> rows = new ArrayList<>();
            for (List<String> row : IcebergTables.sorted(tables.rows(table))) {
                List<String> picked = new ArrayList<>();
                for (String column : columns) {
                    picked.add(row.get(names.indexOf(column)));
                }
                rows.add(String.join("|", picked));
            }
            return rows;
        }
    }

    @Test
    void avroValuesLoadIntoTheSchemasColumnsAndOneThatIsNotAvroIsQuarantinedWithItsOffset() throws IOException {
        SharedKafka.createTopic(TOPIC, 1);
        Files.writeString(root.resolve("weir.yaml"), "name: avro\n");
        Files.createDirectories(root.resolve("schemas"));
        Files.writeString(root.resolve("schemas/order.avsc"), SCHEMA);
        Files.createDirectories(root.resolve("pipelines"));
        Files.writeString(root.resolve("pipelines/bronze_orders.yaml"), """
                pipeline:
                  name: bronze_orders
                extract:
                  source_system: kafka
                  connection: ${env:KAFKA_SERVERS}
                  topic: %s
                  strategy: log-based
                  value_format: avro-confluent
                  schema_file: schemas/order.avsc
                  message_columns: [offset]
                load:
                  target: bronze.orders
                  strategy: append
                error_handling:
                  strategy: dead-letter
                """.formatted(TOPIC));
        Schema schema = new Schema.Parser().parse(SCHEMA);
        send(List.of(
                order(schema, 1, "placed", 1050, null),
                "{\"order_id\": 2}".getBytes(StandardCharsets.UTF_8),
                order(schema, 3, "paid", 700, "gift")));

        Weir.Result run = Weir.run(root, StreamProject.env(SharedKafka.servers()), "run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("SUCCESS bronze_orders +extracted 3, loaded 2, rejected 1;");
        assertThat(rows("bronze.orders", "order_id", "status", "amount", "note", "_kafka_offset"))
                .containsExactly("1|placed|10.50|null|0", "3|paid|7.00|gift|2");
        assertThat(rows("bronze.orders__rejected", "origin", "reason"))
                .containsExactly(TOPIC + "/0:1|malformed_record: the value does not start with the Confluent wire"
                        + " format's magic byte 0 and a 4-byte schema id");
    }
}
