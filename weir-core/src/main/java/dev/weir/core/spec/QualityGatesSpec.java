package dev.weir.core.spec;

import java.util.List;
import java.util.Map;

/**
 * The {@code quality_gates:} section. Checks are kept as parsed maps for now; typed checks and
 * their evaluation arrive with the quality framework.
 */
public record QualityGatesSpec(List<Map<String, Object>> preLoad, List<Map<String, Object>> postLoad) {
    public static final QualityGatesSpec NONE = new QualityGatesSpec(List.of(), List.of());

    public QualityGatesSpec {
        preLoad = List.copyOf(preLoad);
        postLoad = List.copyOf(postLoad);
    }
}
