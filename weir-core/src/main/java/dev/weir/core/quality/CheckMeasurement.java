package dev.weir.core.quality;

import java.util.List;
import java.util.Objects;

/**
 * What an engine measured for one check: whether it passed, the observed value and the threshold
 * as text, how many rows failed, and up to a few failing rows as JSON objects.
 */
public record CheckMeasurement(boolean passed, String observed, String threshold, long failingRows, List<String> sample) {
    public CheckMeasurement {
        Objects.requireNonNull(observed, "observed is null");
        Objects.requireNonNull(threshold, "threshold is null");
        sample = List.copyOf(sample);
    }
}
