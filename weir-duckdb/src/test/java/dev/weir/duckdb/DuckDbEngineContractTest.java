package dev.weir.duckdb;

import dev.weir.core.spi.Engine;
import dev.weir.engine.tests.EngineContractTest;
import java.util.Optional;

/** DuckDB passes the engine contract. */
class DuckDbEngineContractTest extends EngineContractTest {
    @Override
    protected Engine engine() {
        return new DuckDbEngine(Optional.of("1GB"));
    }
}
