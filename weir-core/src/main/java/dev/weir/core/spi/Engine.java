package dev.weir.core.spi;

import java.nio.file.Path;

/** A SQL engine that stages batches, runs transform stages and writes table files. */
public interface Engine {
    /** A short name, as written in {@code weir.yaml}'s {@code engine}, e.g. {@code duckdb}. */
    String name();

    /**
     * Opens a session whose spill and scratch files go under {@code scratchDir}. The caller
     * closes it; a session is used by one thread.
     */
    EngineSession openSession(Path scratchDir);

    /**
     * Like {@link #openSession(Path)}, for a run that can be cancelled: an engine that can stops the
     * statement it is running once {@code cancellation} says so (the statement then fails). By
     * default the cancellation is seen between steps only.
     */
    default EngineSession openSession(Path scratchDir, Cancellation cancellation) {
        return openSession(scratchDir);
    }
}
