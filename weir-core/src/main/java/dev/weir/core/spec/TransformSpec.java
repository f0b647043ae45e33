package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;

/** The {@code transform:} section: the engine and ordered SQL stages; the last stage is loaded. */
public record TransformSpec(String engine, List<StageSpec> stages) {
    public TransformSpec {
        Objects.requireNonNull(engine, "engine is null");
        stages = List.copyOf(stages);
    }
}
