package dev.weir.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.connectors.file.CollectingSink;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Lag;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka source's lag against a real KRaft broker in this JVM, and against none. */
class KafkaLagIT {
    @TempDir
    Path scratch;

    private static KafkaSourceOptions options(String topic) {
        return new KafkaSourceOptions(
                topic,
                List.of(DeclaredColumn.parse("id", "BIGINT NOT NULL")),
                false,
                List.of(),
                Optional.empty(),
                100_000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                false,
                Map.of(),
                List.of(),
                Optional.empty());
    }

    private KafkaSource source(String servers, String topic) {
        return new KafkaSource(
                servers,
                options(topic),
                new SourceContext("orders", scratch, scratch, name -> Optional.empty(), Cancellation.NEVER));
    }

    private static List<String> orders(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"id\": " + i + "}").toList();
    }

    /** Reads the whole topic once, as a run would, and returns the position that run commits. */
    private Position readAll(String topic) {
        try (KafkaSource source = source(SharedKafka.servers(), topic)) {
            SourceBatch batch = source.open(Optional.empty());
            ((Batch.Records) batch.batch()).reader().read(new CollectingSink());
            return batch.end().resolve(null).orElseThrow();
        }
    }

    @Test
    void lagCountsTheMessagesPastTheCommittedOffsetsOfEveryPartition() {
        String topic = "lag-counted";
        SharedKafka.createTopic(topic, 2);
        SharedKafka.send(topic, 0, "k", orders(10));
        SharedKafka.send(topic, 1, "k", orders(5));

        Lag neverRead;
        try (KafkaSource source = source(SharedKafka.servers(), topic)) {
            neverRead = source.lag(Optional.empty(), Duration.ofSeconds(5));
        }
        Position committed = readAll(topic);
        SharedKafka.send(topic, 1, "k", orders(3));
        Lag behind;
        try (KafkaSource source = source(SharedKafka.servers(), topic)) {
            behind = source.lag(Optional.of(committed), Duration.ofSeconds(5));
        }

        assertThat(neverRead).isEqualTo(new Lag(topic + "[0:10,1:5]", 15, "messages", "15 messages"));
        assertThat(committed.display()).isEqualTo(topic + "[0:10,1:5]");
        assertThat(behind).isEqualTo(new Lag(topic + "[0:10,1:8]", 3, "messages", "3 messages"));
    }

    @Test
    void brokersThatAreDownAreReportedUnavailableWithinTheTimeout() throws IOException {
        String nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = "127.0.0.1:" + socket.getLocalPort();
        }
        long started = System.nanoTime();
        try (KafkaSource source = source(nobody, "orders")) {
            assertThatThrownBy(() -> source.lag(Optional.empty(), Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(
                            WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                    .hasMessageStartingWith("Cannot read topic 'orders' from " + nobody);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }
}
