package dev.weir.core.spi;

import java.util.Optional;

/** An engine that sets a batch's unparsable records aside instead of failing on them, for {@code dead-letter}. */
public interface MalformedRecords {
    /**
     * Like {@link EngineSession#stage}, but the records of a CSV batch that cannot be parsed (a wrong number of
     * columns, a value that does not convert to its declared type, bad encoding, an unterminated
     * quote) are not staged: each becomes one row of relation {@code malformed}, with
     * {@link EngineSession#REJECTED_CHECK} {@code parse}, {@link EngineSession#REJECTED_REASON}, {@link EngineSession#REJECTED_RECORD}
     * (the raw line) and {@link EngineSession#REJECTED_ORIGIN} ({@code file:line}). Other formats are staged as
     * by {@link EngineSession#stage} and fail on a malformed record; {@code malformed} is then empty.
     */
    RelationInfo stageKeepingMalformed(Batch batch, Optional<Batch.KeyFilter> filter, String malformed);
}
