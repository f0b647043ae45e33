package dev.weir.core.spi;

import java.util.Optional;
import java.util.function.Function;

/**
 * A SQL engine, found through {@link java.util.ServiceLoader} and chosen by {@code engine:} in
 * {@code weir.yaml} or a pipeline's {@code transform.engine}.
 */
public interface EngineFactory {
    /** The name written in specs, such as {@code duckdb}. */
    String name();

    /**
     * Creates the engine a runtime uses for its whole life; sessions are opened per run.
     *
     * @param settings looks up the engine's settings by name (environment variables such as
     *     {@code WEIR_DUCKDB_MEMORY_LIMIT}); absent settings take the engine's defaults
     */
    Engine create(Function<String, Optional<String>> settings);
}
