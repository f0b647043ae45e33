package dev.weir.core.quality;

import java.util.Objects;
import java.util.Optional;

/**
 * The relations a check is evaluated against, by their names in the engine session:
 * {@code relation} is checked; {@code baseline}, when present, is what it is compared with (the
 * published table before a load, or the previous snapshot for {@code weir test}) by unique,
 * volume-change and drift rules; {@code batch}, when present, is the run's extracted batch, the
 * default source of a reconciliation.
 */
public record CheckTarget(String relation, Optional<String> baseline, Optional<String> batch) {
    public CheckTarget {
        Objects.requireNonNull(relation, "relation is null");
        Objects.requireNonNull(baseline, "baseline is null");
        Objects.requireNonNull(batch, "batch is null");
    }
}
