package dev.weir.core.spec;

import java.nio.file.Path;
import java.util.Objects;

/** One pipeline file, validated: the Universal Pipeline Template's sections. */
public record PipelineSpec(
        Path file,
        PipelineInfo pipeline,
        ExtractSpec extract,
        TransformSpec transform,
        LoadSpec load,
        QualityGatesSpec qualityGates,
        ErrorHandlingSpec errorHandling) {
    public PipelineSpec {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(pipeline, "pipeline is null");
        Objects.requireNonNull(extract, "extract is null");
        Objects.requireNonNull(transform, "transform is null");
        Objects.requireNonNull(load, "load is null");
        Objects.requireNonNull(qualityGates, "qualityGates is null");
        Objects.requireNonNull(errorHandling, "errorHandling is null");
    }

    public String name() {
        return pipeline.name();
    }
}
