package dev.weir.core.quality;

import java.util.List;
import java.util.Objects;

/**
 * The judgement of one measurement: whether the check passed, what was observed against which
 * threshold, how many rows failed (1 for a table-level check that failed as a whole) and a few
 * failing rows as JSON objects.
 */
record CheckVerdict(boolean passed, String observed, String threshold, long failingRows, List<String> sample) {
    CheckVerdict {
        Objects.requireNonNull(observed, "observed is null");
        Objects.requireNonNull(threshold, "threshold is null");
        sample = List.copyOf(sample);
    }
}
