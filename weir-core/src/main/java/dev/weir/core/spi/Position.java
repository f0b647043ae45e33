package dev.weir.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * How far a pipeline has read its source, opaque to the runner: a key watermark, a file set, a
 * cursor, offsets per partition, an LSN. The table store commits it in the snapshot summary with
 * the data ({@code weir.position}), and the source receives it back on the next run.
 *
 * @param kind names the form of {@code state}, e.g. {@code key} or {@code files}; lower case, no colon
 * @param state the source's own text for it (often JSON), read back only by the source
 * @param display a short form for people, shown in run records (e.g. {@code files:6})
 */
public record Position(String kind, String state, String display) {
    public Position {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(display, "display is null");
        if (!kind.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("Invalid position kind: '" + kind + "'");
        }
    }

    /** The form committed in a snapshot summary and cached by the metastore: {@code kind:state}. */
    public String encoded() {
        return kind + ":" + state;
    }

    /** Reads the form {@link #encoded} wrote; empty when {@code text} has no kind. */
    public static Optional<Position> decode(String text, String display) {
        int colon = text.indexOf(':');
        if (colon <= 0 || !text.substring(0, colon).matches("[a-z][a-z0-9_-]*")) {
            return Optional.empty();
        }
        return Optional.of(new Position(text.substring(0, colon), text.substring(colon + 1), display));
    }
}
