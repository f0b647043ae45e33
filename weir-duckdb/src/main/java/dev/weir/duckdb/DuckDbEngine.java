package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Engine;
import dev.weir.core.spi.EngineSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The embedded engine: an in-memory DuckDB database per session that spills to the scratch directory. */
public final class DuckDbEngine implements Engine {
    /**
     * DuckDB's own floor is about 128 MB per thread. DuckDB's default, 80% of RAM, let a session
     * keep a whole staged batch resident (a 10M-row CSV load: 1.8 GB; under this default 543 MB),
     * where spilling it to the scratch directory cost no measurable CPU time (docs/benchmarks.md).
     */
    static final long DEFAULT_MEMORY_LIMIT_MB_PER_THREAD = 128;

    static final long DEFAULT_MEMORY_LIMIT_MB_AT_LEAST = 256;

    private final String memoryLimit;
    private final StatementCanceller canceller = new StatementCanceller();

    /**
     * @param memoryLimit DuckDB's {@code memory_limit} (e.g. {@code 2GB}); empty takes
     *     {@link #defaultMemoryLimit()}
     */
    public DuckDbEngine(Optional<String> memoryLimit) {
        this.memoryLimit = memoryLimit.orElseGet(DuckDbEngine::defaultMemoryLimit);
    }

    /** 128 MB per thread DuckDB runs (one per core), at least 256 MB. */
    static String defaultMemoryLimit() {
        return Math.max(
                        DEFAULT_MEMORY_LIMIT_MB_AT_LEAST,
                        DEFAULT_MEMORY_LIMIT_MB_PER_THREAD
                                * Runtime.getRuntime().availableProcessors())
                + "MB";
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public EngineSession openSession(Path scratchDir) {
        return openSession(scratchDir, Optional.empty());
    }

    /** A session whose running statement is cancelled when {@code cancellation} says so. */
    @Override
    public EngineSession openSession(Path scratchDir, Cancellation cancellation) {
        return openSession(scratchDir, Optional.of(cancellation));
    }

    private EngineSession openSession(Path scratchDir, Optional<Cancellation> cancellation) {
        try {
            Files.createDirectories(scratchDir);
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET temp_directory = "
                        + Sql.literal(scratchDir.resolve("spill").toString()));
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET autoinstall_known_extensions = false");
                statement.execute("SET autoload_known_extensions = false");
                statement.execute("SET memory_limit = " + Sql.literal(memoryLimit));
            }
            if (cancellation.isEmpty()) {
                return new DuckDbSession(connection, scratchDir);
            }
            StatementCanceller.Watched watched = canceller.watch(connection, cancellation.get());
            return new DuckDbSession(watched.connection(), scratchDir, watched.stop());
        } catch (SQLException | IOException e) {
            throw new WeirException(ErrorCode.INTERNAL, "Cannot start DuckDB: " + e.getMessage(), null, null, e);
        }
    }
}
