package dev.weir.connectors.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.spi.Position;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The position of a JDBC source read incrementally: the greatest (cursor, primary key) pair of the
 * rows a run read, the cursor kept as the exact text of its value in the column's type (a
 * PostgreSQL timestamp's microseconds included), so that the next run starts exactly there. It is
 * committed in the table's snapshot summary with the data, like the file source's key watermark.
 *
 * @param column the cursor column
 * @param type the cursor's Iceberg type; a watermark is only used on a column of the same type
 * @param value the cursor value, as {@link CursorType#text} writes it
 * @param key the primary key of the row that holds it, column by column, as text
 */
record CursorWatermark(String column, String type, String value, Map<String, String> key) {
    static final String KIND = "cursor";
    private static final ObjectMapper JSON = new ObjectMapper();

    CursorWatermark {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(value, "value is null");
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    }

    Position toPosition() {
        ObjectNode node =
                JSON.createObjectNode().put("column", column).put("type", type).put("value", value);
        ObjectNode keyNode = node.putObject("key");
        key.forEach(keyNode::put);
        try {
            return new Position(KIND, JSON.writeValueAsString(node), column + " " + value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The watermark {@code previous} holds, when it is one on {@code column} of {@code type}. */
    static Optional<CursorWatermark> of(Optional<Position> previous, String column, String type) {
        return previous.filter(p -> p.kind().equals(KIND))
                .map(CursorWatermark::parse)
                .filter(w -> w.column().equals(column) && w.type().equals(type));
    }

    private static CursorWatermark parse(Position position) {
        try {
            JsonNode node = JSON.readTree(position.state());
            Map<String, String> key = new LinkedHashMap<>();
            node.path("key")
                    .fields()
                    .forEachRemaining(e -> key.put(e.getKey(), e.getValue().asText()));
            return new CursorWatermark(
                    node.path("column").asText(),
                    node.path("type").asText(),
                    node.path("value").asText(),
                    key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid cursor position: " + position.state(), e);
        }
    }
}
