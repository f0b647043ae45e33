package dev.weir.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.weir.connectors.file.CollectingSink;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tombstones: delete} against a real KRaft broker in this JVM: a tombstone is a row of its key that deletes. */
class KafkaTombstoneIT {
    @TempDir
    Path scratch;

    private static KafkaSourceOptions options(String topic, List<String> tombstoneKeys) {
        return new KafkaSourceOptions(
                topic,
                List.of(
                        DeclaredColumn.parse("region", "VARCHAR NOT NULL"),
                        DeclaredColumn.parse("order_id", "BIGINT NOT NULL"),
                        DeclaredColumn.parse("amount", "DECIMAL(10,2) NOT NULL")),
                false,
                List.of(MessageColumn.OFFSET),
                Optional.empty(),
                100,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                false,
                Map.of(),
                tombstoneKeys,
                Optional.empty());
    }

    private record Read(List<Column> columns, CollectingSink collected) {}

    private Read read(KafkaSourceOptions options) {
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
    void aTombstoneIsARowOfItsPlainKeyMarkedDeletedAfterTheMessageColumns() {
        String topic = "tombstones-plain";
        SharedKafka.createTopic(topic, 1);
        SharedKafka.send(
                topic, 0, "17", Arrays.asList("{\"region\": \"eu\", \"order_id\": 17, \"amount\": 9.5}", null));

        Read read = read(options(topic, List.of("order_id")));

        assertThat(read.columns())
                .extracting(Column::name, Column::required)
                .containsExactly(
                        tuple("region", false),
                        tuple("order_id", true),
                        tuple("amount", false),
                        tuple("_kafka_offset", true),
                        tuple("_kafka_deleted", true));
        assertThat(read.collected().rows)
                .containsExactly(
                        List.of("eu", 17L, new BigDecimal("9.50"), 0L, false),
                        Arrays.asList(null, 17L, null, 1L, true));
        assertThat(read.collected().rowOrigins).containsExactly(topic + "/0:0", topic + "/0:1");
    }

    @Test
    void aJsonKeyFillsSeveralKeyColumnsAndAKeyThatDoesNotConvertIsAReject() {
        String topic = "tombstones-json";
        SharedKafka.createTopic(topic, 1);
        SharedKafka.send(topic, 0, "{\"region\": \"us\", \"order_id\": 4}", Arrays.asList((String) null));
        SharedKafka.send(topic, 0, "{\"region\": \"us\", \"order_id\": \"four\"}", Arrays.asList((String) null));

        Read read = read(options(topic, List.of("region", "order_id")));

        assertThat(read.collected().rows).containsExactly(Arrays.asList("us", 4L, null, 0L, true));
        assertThat(read.collected().rejects).singleElement().satisfies(reject -> {
            assertThat(reject.reason()).isEqualTo("malformed_number");
            assertThat(reject.detail()).startsWith("the tombstone's key: ");
            assertThat(reject.origin()).isEqualTo(topic + "/0:1");
        });
    }

    @Test
    void withoutTombstonesDeleteATombstoneStaysAReject() {
        String topic = "tombstones-rejected";
        SharedKafka.createTopic(topic, 1);
        SharedKafka.send(topic, 0, "17", Arrays.asList((String) null));

        Read read = read(options(topic, List.of()));

        assertThat(read.columns()).extracting(Column::name).doesNotContain("_kafka_deleted");
        assertThat(read.collected().reasons()).containsExactly("tombstone");
    }
}
