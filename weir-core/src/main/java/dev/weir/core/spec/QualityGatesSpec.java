package dev.weir.core.spec;

import java.util.List;

/**
 * The {@code quality_gates:} section. {@code preLoad} checks run on the rows about to be loaded
 * (the last transform stage's output, or the extracted batch); {@code postLoad} checks run on the
 * table as the load would leave it, before it is published.
 */
public record QualityGatesSpec(List<CheckSpec> preLoad, List<CheckSpec> postLoad) {
    public static final QualityGatesSpec NONE = new QualityGatesSpec(List.of(), List.of());

    public QualityGatesSpec {
        preLoad = List.copyOf(preLoad);
        postLoad = List.copyOf(postLoad);
    }

    public boolean isEmpty() {
        return preLoad.isEmpty() && postLoad.isEmpty();
    }
}
