package dev.weir.duckdb;

import dev.weir.core.spi.Engine;
import dev.weir.core.spi.EngineFactory;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code engine: duckdb}, the embedded default. {@code WEIR_DUCKDB_MEMORY_LIMIT} sets DuckDB's
 * {@code memory_limit} (default: 128 MB per core, at least 256 MB; see {@link DuckDbEngine}).
 */
public final class DuckDbEngineFactory implements EngineFactory {
    static final String MEMORY_LIMIT = "WEIR_DUCKDB_MEMORY_LIMIT";

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public Engine create(Function<String, Optional<String>> settings) {
        return new DuckDbEngine(settings.apply(MEMORY_LIMIT));
    }
}
