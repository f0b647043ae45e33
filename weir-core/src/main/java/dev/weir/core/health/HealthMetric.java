package dev.weir.core.health;

import java.util.Objects;
import java.util.Optional;

/**
 * One metric of the seed's Pipeline Health Dashboard for one pipeline: its measured value (empty
 * when there is nothing to measure), the unit the value is in, the target and alert threshold as
 * the seed states them, and the resulting status.
 */
public record HealthMetric(
        String name, Optional<Double> value, String unit, String target, String alertThreshold, MetricStatus status) {
    public HealthMetric {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(unit, "unit is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(alertThreshold, "alertThreshold is null");
        Objects.requireNonNull(status, "status is null");
    }

    static HealthMetric noData(String name, String unit, String target, String alertThreshold) {
        return new HealthMetric(name, Optional.empty(), unit, target, alertThreshold, MetricStatus.NO_DATA);
    }
}
