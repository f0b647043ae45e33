package dev.weir.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.spi.Position;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How far a pipeline has read a topic: for each partition, the offset of the next message to read.
 * It is the source's position, committed in the Iceberg snapshot with the messages it covers, so a
 * run that dies before its commit leaves the table's offsets where they were and the next run
 * reads the same messages again; Kafka's own committed offsets are never consulted.
 */
record TopicOffsets(String topic, SortedMap<Integer, Long> next) {
    static final String KIND = "kafka";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS_SHOWN = 4;

    TopicOffsets {
        Objects.requireNonNull(topic, "topic is null");
        next = Collections.unmodifiableSortedMap(new TreeMap<>(next));
    }

    /** The offsets of {@code topic} that {@code previous} holds; empty when it holds none for that topic. */
    static Optional<TopicOffsets> of(Optional<Position> previous, String topic) {
        return previous.filter(p -> p.kind().equals(KIND))
                .map(TopicOffsets::parse)
                .filter(offsets -> offsets.topic().equals(topic));
    }

    /** The next offset to read of {@code partition}, when a run has read it before. */
    Optional<Long> nextOf(int partition) {
        return Optional.ofNullable(next.get(partition));
    }

    Position toPosition() {
        ObjectNode state = JSON.createObjectNode().put("topic", topic);
        ObjectNode offsets = state.putObject("next");
        next.forEach((partition, offset) -> offsets.put(Integer.toString(partition), offset));
        return new Position(KIND, state.toString(), display());
    }

    /** {@code orders[0:120,1:98]}: the partitions and their next offsets, the first few of them. */
    String display() {
        String shown = next.entrySet().stream()
                .limit(PARTITIONS_SHOWN)
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        int more = next.size() - PARTITIONS_SHOWN;
        return topic + "[" + shown + (more > 0 ? ",+" + more + " partitions" : "") + "]";
    }

    private static TopicOffsets parse(Position position) {
        try {
            JsonNode state = JSON.readTree(position.state());
            SortedMap<Integer, Long> next = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = state.path("next").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                next.put(Integer.parseInt(entry.getKey()), entry.getValue().asLong());
            }
            return new TopicOffsets(state.path("topic").asText(), next);
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalStateException("Invalid kafka position: " + position.state(), e);
        }
    }
}
