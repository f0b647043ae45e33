package dev.weir.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * The position of a source read incrementally on a key column: the greatest value loaded. A
 * watermark is only ever compared with the column it was taken on, so a pipeline whose key changes
 * reads from the start again.
 */
public record KeyWatermark(String column, String value) {
    public static final String KIND = "key";
    private static final ObjectMapper JSON = new ObjectMapper();

    public KeyWatermark {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(value, "value is null");
    }

    public Position toPosition() {
        try {
            return new Position(
                    KIND,
                    JSON.writeValueAsString(
                            JSON.createObjectNode().put("column", column).put("value", value)),
                    value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code previous} when it is a key watermark on {@code column}; empty otherwise. */
    public static Optional<String> after(Optional<Position> previous, String column) {
        return previous.filter(p -> p.kind().equals(KIND))
                .flatMap(KeyWatermark::parse)
                .filter(w -> w.column().equals(column))
                .map(KeyWatermark::value);
    }

    /** The filter that keeps the rows past {@code previous} on {@code column} (all rows when it holds no watermark on it). */
    public static Batch.KeyFilter filter(Optional<Position> previous, String column) {
        return new Batch.KeyFilter(column, after(previous, column));
    }

    /** The end of a batch read past {@code previous} on {@code column}: its greatest key, or the previous watermark when it has none. */
    public static BatchEnd end(Optional<Position> previous, String column) {
        Optional<Position> before = after(previous, column).map(v -> new KeyWatermark(column, v).toPosition());
        return staged -> staged.maxValue(column)
                .map(v -> new KeyWatermark(column, v).toPosition())
                .or(() -> before);
    }

    private static Optional<KeyWatermark> parse(Position position) {
        try {
            JsonNode node = JSON.readTree(position.state());
            return Optional.of(new KeyWatermark(
                    node.path("column").asText(), node.path("value").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid key position: " + position.state(), e);
        }
    }
}
