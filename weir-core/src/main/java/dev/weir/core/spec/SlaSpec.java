package dev.weir.core.spec;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A contract's service level: how fresh the data is kept (hours, empty when not promised), the
 * availability promised, and when the owner answers ({@code business-hours} or {@code 24x7}).
 */
public record SlaSpec(OptionalDouble freshnessHours, OptionalDouble availabilityPercent, String supportHours) {
    public static final SlaSpec NONE = new SlaSpec(OptionalDouble.empty(), OptionalDouble.empty(), "");

    public SlaSpec {
        Objects.requireNonNull(freshnessHours, "freshnessHours is null");
        Objects.requireNonNull(availabilityPercent, "availabilityPercent is null");
        Objects.requireNonNull(supportHours, "supportHours is null");
    }
}
