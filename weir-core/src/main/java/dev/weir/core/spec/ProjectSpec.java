package dev.weir.core.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole Weir project: {@code weir.yaml} plus every pipeline under {@code pipelines/}.
 * Paths are absolute.
 */
public record ProjectSpec(
        Path root,
        String name,
        String engine,
        Path stateDir,
        Path warehouse,
        String metastoreUrl,
        List<PipelineSpec> pipelines) {
    public ProjectSpec {
        Objects.requireNonNull(root, "root is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(engine, "engine is null");
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(metastoreUrl, "metastoreUrl is null");
        pipelines = List.copyOf(pipelines);
    }

    public Optional<PipelineSpec> pipeline(String name) {
        return pipelines.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<PipelineSpec> writerOf(TableId table) {
        return pipelines.stream().filter(p -> p.load().target().equals(table)).findFirst();
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }
}
