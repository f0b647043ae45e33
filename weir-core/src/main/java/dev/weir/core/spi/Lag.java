package dev.weir.core.spi;

import java.util.Objects;

/**
 * How far a committed position is behind its source's head, in the source's own unit.
 *
 * @param head the source's head now, for people (as {@link Position#display()} shows positions)
 * @param behind how much the source holds past the committed position, in {@code unit}; never negative
 * @param unit a word for what {@code behind} counts, plural: {@code messages}, {@code bytes}
 * @param display {@code behind} for people, e.g. {@code 1200 messages} or {@code 3.2 MB}
 */
public record Lag(String head, long behind, String unit, String display) {
    public Lag {
        Objects.requireNonNull(head, "head is null");
        Objects.requireNonNull(unit, "unit is null");
        Objects.requireNonNull(display, "display is null");
        if (behind < 0) {
            throw new IllegalArgumentException("Invalid lag: " + behind + " " + unit);
        }
    }

    /** A lag shown as its number and unit: {@code 1200 messages}. */
    public static Lag counted(String head, long behind, String unit) {
        return new Lag(head, behind, unit, behind + " " + unit);
    }
}
