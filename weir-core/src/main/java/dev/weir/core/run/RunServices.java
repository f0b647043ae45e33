package dev.weir.core.run;

import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.Engine;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.TableStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/** What a run needs from outside: state stores, the engine, sources, paths, time and fail points. */
public record RunServices(
        Metastore metastore,
        TableStore tables,
        Engine engine,
        Function<PipelineSpec, Source> sources,
        RunLog runLog,
        Path stateDir,
        Clock clock,
        FailPoints failPoints) {
    public RunServices {
        Objects.requireNonNull(metastore, "metastore is null");
        Objects.requireNonNull(tables, "tables is null");
        Objects.requireNonNull(engine, "engine is null");
        Objects.requireNonNull(sources, "sources is null");
        Objects.requireNonNull(runLog, "runLog is null");
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(failPoints, "failPoints is null");
    }

    Path lockDir() {
        return stateDir.resolve("locks");
    }

    Path scratchDir(String runId) {
        return stateDir.resolve("tmp").resolve(runId);
    }
}
