package dev.weir.core.health;

import java.util.List;
import java.util.Objects;

/** The dashboard metrics of one pipeline, in the seed's order. */
public record PipelineHealth(String pipeline, List<HealthMetric> metrics) {
    public PipelineHealth {
        Objects.requireNonNull(pipeline, "pipeline is null");
        metrics = List.copyOf(metrics);
    }

    /** Whether any metric is past its alert threshold. */
    public boolean breached() {
        return metrics.stream().anyMatch(m -> m.status() == MetricStatus.BREACH);
    }
}
