package dev.weir.examples.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.connectors.kafka.SharedKafka;
import dev.weir.examples.shop.IcebergTables;
import dev.weir.examples.shop.Weir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tombstones: delete} through the command line against a real broker: a keyed topic merged
 * into a table, where a tombstone deletes its key and the later of a tombstone and a value of one key
 * wins, within a batch and across batches.
 */
class StreamTombstoneIT {
    private static final String TOPIC = "tombstone-it.orders";

    @TempDir
    Path root;

    private void write(String file, String text) throws IOException {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), text);
    }

    private static void send(String... keysAndValues) {
        try (KafkaProducer<String, String> producer = SharedKafka.producer()) {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                String key = keysAndValues[i];
                String status = keysAndValues[i + 1];
                String value = status == null ? null : "{\"order_id\": " + key + ", \"status\": \"" + status + "\"}";
                producer.send(new ProducerRecord<>(TOPIC, 0, key, value));
            }
            producer.flush();
        }
    }

    private List<String> orders() {
        try (IcebergTables tables = new IcebergTables(root)) {
            List<String> names = tables.table("silver.orders").schema().columns().stream()
                    .map(Types.NestedField::name)
                    .toList();
            List<String> rows = new ArrayList<>();
            for (List<String> row : IcebergTables.sorted(tables.rows("silver.orders"))) {
                rows.add(row.get(names.indexOf("order_id")) + "=" + row.get(names.indexOf("status")));
            }
            return rows;
        }
    }

    @Test
    void aTombstoneDeletesItsKeyAndTheLaterOfATombstoneAndAValueWins() throws IOException {
        SharedKafka.createTopic(TOPIC, 1);
        write("weir.yaml", "name: tombstones\n");
        write("pipelines/silver_orders.yaml", """
                pipeline:
                  name: silver_orders
                extract:
                  source_system: kafka
                  connection: ${env:KAFKA_SERVERS}
                  topic: %s
                  strategy: log-based
                  columns:
                    order_id: BIGINT NOT NULL
                    status: VARCHAR NOT NULL
                  message_columns: [offset]
                  tombstones: delete
                  key_columns: [order_id]
                load:
                  target: silver.orders
                  strategy: merge
                  merge_keys: [order_id]
                  sequence_by: _kafka_offset
                  delete_when: _kafka_deleted
                """.formatted(TOPIC));
        Map<String, String> env = StreamProject.env(SharedKafka.servers());
        send("1", "placed", "2", "placed", "3", "placed", "1", null, "3", null, "3", "paid", "4", null);

        Weir.Result first = Weir.run(root, env, "run");
        List<String> afterFirst = orders();
        send("2", null, "1", "shipped");
        Weir.Result second = Weir.run(root, env, "run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).as(first.toString()).containsPattern("SUCCESS silver_orders +extracted 7,");
        assertThat(afterFirst).containsExactly("2=placed", "3=paid");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(orders()).containsExactly("1=shipped", "3=paid");
    }
}
