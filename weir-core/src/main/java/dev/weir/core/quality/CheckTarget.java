package dev.weir.core.quality;

import java.util.Objects;
import java.util.Optional;

/**
 * The relations a check is evaluated against, by their names in the engine session.
 * {@code relation} is checked. {@code existingRows} are rows the checked ones will join in the
 * table (the published table, when a batch is appended): unique checks count them too.
 * {@code previous} is the state the checked relation is compared with by volume-change and drift
 * rules (the published table before a load, the previous snapshot for {@code weir test}); those
 * parts of a rule are skipped without it. {@code batch} is the run's extracted batch, the default
 * source of a reconciliation.
 */
public record CheckTarget(
        String relation, Optional<String> existingRows, Optional<String> previous, Optional<String> batch) {
    public CheckTarget {
        Objects.requireNonNull(relation, "relation is null");
        Objects.requireNonNull(existingRows, "existingRows is null");
        Objects.requireNonNull(previous, "previous is null");
        Objects.requireNonNull(batch, "batch is null");
    }

    /** A relation checked on its own. */
    public static CheckTarget of(String relation) {
        return new CheckTarget(relation, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
