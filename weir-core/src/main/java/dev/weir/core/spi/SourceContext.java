package dev.weir.core.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a source gets for one run.
 *
 * @param pipeline the pipeline's name
 * @param projectRoot the project directory; relative paths in specs are relative to it
 * @param scratchDir a directory of this run's own, for rows the source writes itself; deleted when the run ends
 * @param secrets looks up a secret by name (as {@code ${env:NAME}} would); never log what it returns
 * @param cancellation tells the source that the run was cancelled
 */
public record SourceContext(
        String pipeline,
        Path projectRoot,
        Path scratchDir,
        Function<String, Optional<String>> secrets,
        Cancellation cancellation) {
    public SourceContext {
        Objects.requireNonNull(pipeline, "pipeline is null");
        Objects.requireNonNull(projectRoot, "projectRoot is null");
        Objects.requireNonNull(scratchDir, "scratchDir is null");
        Objects.requireNonNull(secrets, "secrets is null");
        Objects.requireNonNull(cancellation, "cancellation is null");
    }
}
