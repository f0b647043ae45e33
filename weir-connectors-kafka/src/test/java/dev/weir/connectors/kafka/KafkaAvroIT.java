package dev.weir.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.weir.connectors.file.CollectingSink;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Avro values against a real KRaft broker in this JVM: plain binary and the Confluent wire format. */
class KafkaAvroIT {
    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [
              {"name": "order_id", "type": "long"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["placed", "paid"]}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "updated_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "note", "type": ["null", "string"], "default": null}
            ]}
            """);
    private static final Instant UPDATED = Instant.parse("2024-03-01T08:00:00Z");

    @TempDir
    Path scratch;

    private static byte[] order(long id, String status, String amount, String note) throws IOException {
        GenericRecord record = new GenericData.Record(ORDER);
        record.put("order_id", id);
        record.put("status", new GenericData.EnumSymbol(ORDER.getField("status").schema(), status));
        record.put(
                "amount", ByteBuffer.wrap(new BigDecimal(amount).unscaledValue().toByteArray()));
        record.put("updated_at", UPDATED.toEpochMilli());
        record.put("note", note);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(ORDER).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** The Confluent wire format: magic byte 0, a 4-byte schema id, then the Avro binary. */
    private static byte[] confluent(byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length)
                .put((byte) 0)
                .putInt(42)
                .put(avro)
                .array();
    }

    private static void send(String topic, List<byte[]> values) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.servers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, 0, "k".getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
    }

    private record Read(List<Column> columns, CollectingSink collected) {}

    private Read read(String topic, boolean confluent) {
        AvroValueFormat avro = new AvroValueFormat(ORDER, "schemas/order.avsc", confluent);
        KafkaSourceOptions options = new KafkaSourceOptions(
                topic,
                avro.columns(false),
                false,
                List.of(MessageColumn.OFFSET),
                Optional.empty(),
                100,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                false,
                Map.of(),
                List.of(),
                Optional.of(avro));
        SourceContext context =
                new SourceContext("orders", scratch, scratch, name -> Optional.empty(), Cancellation.NEVER);
        try (KafkaSource source = new KafkaSource(SharedKafka.servers(), options, context)) {
            SourceBatch batch = source.open(Optional.empty());
            Batch.Records records = (Batch.Records) batch.batch();
            CollectingSink collected = new CollectingSink();
            records.reader().read(collected);
            return new Read(records.columns(), collected);
        }
    }

    @Test
    void theColumnsAreTheSchemasFieldsAndEachValueIsARowOfThem() throws IOException {
        String topic = "avro-plain";
        SharedKafka.createTopic(topic, 1);
        send(topic, List.of(order(1, "placed", "10.50", null), order(2, "paid", "7.00", "gift")));

        Read read = read(topic, false);

        assertThat(read.columns())
                .extracting(Column::name, Column::type, Column::required)
                .containsExactly(
                        tuple("order_id", "long", true),
                        tuple("status", "string", true),
                        tuple("amount", "decimal(10,2)", true),
                        tuple("updated_at", "timestamptz", true),
                        tuple("note", "string", false),
                        tuple("_kafka_offset", "long", true));
        OffsetDateTime updated = UPDATED.atOffset(ZoneOffset.UTC);
        assertThat(read.collected().rows)
                .containsExactly(
                        Arrays.asList(1L, "placed", new BigDecimal("10.50"), updated, null, 0L),
                        Arrays.asList(2L, "paid", new BigDecimal("7.00"), updated, "gift", 1L));
    }

    @Test
    void theConfluentWireFormatsMagicByteAndSchemaIdAreSkipped() throws IOException {
        String topic = "avro-confluent";
        SharedKafka.createTopic(topic, 1);
        send(topic, List.of(confluent(order(3, "paid", "1.25", null))));

        Read read = read(topic, true);

        assertThat(read.collected().rows)
                .singleElement()
                .satisfies(row -> assertThat(row.subList(0, 3)).containsExactly(3L, "paid", new BigDecimal("1.25")));
    }

    @Test
    void aValueThatIsNoAvroOfTheSchemaIsARejectWithItsOriginAndItsBytes() throws IOException {
        String topic = "avro-malformed";
        SharedKafka.createTopic(topic, 1);
        byte[] truncated = Arrays.copyOf(order(4, "paid", "1.00", "long enough note"), 6);
        byte[] trailing = Arrays.copyOf(order(5, "paid", "1.00", null), order(5, "paid", "1.00", null).length + 2);
        send(topic, List.of(truncated, order(6, "placed", "2.00", null), trailing));

        Read plain = read(topic, false);

        assertThat(plain.collected().column(0)).containsExactly(6L);
        assertThat(plain.collected().rejects)
                .extracting(r -> r.reason(), r -> r.origin(), r -> r.record())
                .containsExactly(
                        tuple(
                                "malformed_record",
                                topic + "/0:0",
                                "base64:" + Base64.getEncoder().encodeToString(truncated)),
                        tuple(
                                "malformed_record",
                                topic + "/0:2",
                                "base64:" + Base64.getEncoder().encodeToString(trailing)));
        assertThat(plain.collected().rejects.get(0).detail())
                .startsWith("the value is not Avro of shop.Order in schemas/order.avsc (");
        assertThat(plain.collected().rejects.get(1).detail())
                .isEqualTo("the value is longer than a record of shop.Order in schemas/order.avsc");
    }

    @Test
    void aConfluentTopicsValueWithoutTheMagicByteIsAReject() throws IOException {
        String topic = "avro-no-magic";
        SharedKafka.createTopic(topic, 1);
        send(topic, List.of(order(7, "paid", "1.00", null)));

        Read read = read(topic, true);

        assertThat(read.collected().rejects)
                .singleElement()
                .satisfies(r -> assertThat(r.detail())
                        .isEqualTo("the value does not start with the Confluent wire format's magic byte 0 and a"
                                + " 4-byte schema id"));
    }

    @Test
    void aValueReadsAsJsonWithExactDecimalsAndLogicalTypesAsIsoText() throws Exception {
        AvroValueFormat avro = new AvroValueFormat(ORDER, "schemas/order.avsc", false);

        assertThat(avro.decode(order(8, "paid", "3.10", "x")).toString())
                .isEqualTo("{\"order_id\":8,\"status\":\"paid\",\"amount\":3.10,"
                        + "\"updated_at\":\"2024-03-01T08:00:00Z\",\"note\":\"x\"}");
        assertThat(avro.reader().text(order(8, "paid", "3.10", "x"))).startsWith("{\"order_id\":8,");
    }
}
