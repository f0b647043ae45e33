package dev.weir.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * The position of a source read incrementally on a key column: the greatest valid key of the rows
 * a run loaded or quarantined, kept as text and compared in the key's type on the next run. Rows
 * whose key is NULL or invalid never move it. A watermark is only ever compared with the column it
 * was taken on, so a pipeline whose key changes reads from the start again.
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

    /**
     * The filter that keeps the rows past {@code previous} on {@code column}, compared in {@code type}
     * when declared (all rows when it holds no watermark on it).
     */
    public static Batch.KeyFilter filter(Optional<Position> previous, String column, Optional<String> type) {
        return new Batch.KeyFilter(column, after(previous, column), type);
    }

    /**
     * The end of a batch staged through {@code filter}: the greatest key of its staged rows, compared in
     * the filter's type, or the previous watermark when it has none.
     */
    public static BatchEnd end(Optional<Position> previous, Batch.KeyFilter filter) {
        String column = filter.column();
        Optional<Position> before = after(previous, column).map(v -> new KeyWatermark(column, v).toPosition());
        return staged -> staged.maxValue(column, filter.type())
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
