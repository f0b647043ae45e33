package dev.weir.core.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The records of backfills and their chunks. Safe to use from several processes; each call is its own transaction. */
public interface BackfillStore {
    /** Saves a new backfill with its chunks (all pending). */
    void create(Backfill backfill);

    /** The latest backfill of {@code pipeline} over exactly these days and chunk size that is not done. */
    Optional<Backfill> unfinished(String pipeline, LocalDate start, LocalDate end, String chunkSize);

    /** Replaces the chunk of backfill {@code id} that starts on {@code chunk.start()}. */
    void saveChunk(String id, BackfillChunk chunk);

    /** Sets how backfill {@code id} stands, with the anomalies found across its chunks. */
    void finish(String id, Backfill.Status status, List<String> anomalies, Optional<Instant> finishedAt);

    /** One backfill with its chunks, most recent first. */
    Optional<Backfill> backfill(String id);

    /** The latest backfills first, at most {@code limit}, with their chunks. */
    List<Backfill> recent(int limit);

    /** The backfills not done (running, interrupted or failed), of one pipeline or all: the Backfill Queue. */
    int pending(Optional<String> pipeline);
}
