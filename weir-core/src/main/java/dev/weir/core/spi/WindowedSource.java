package dev.weir.core.spi;

/**
 * A {@link Source} that can read a window of its incremental key instead of what follows the last
 * position: what a backfill chunk reads. Sources without it cannot be backfilled.
 */
public interface WindowedSource {
    /**
     * The batch of the rows whose incremental key lies in {@code window}, with a key filter that says
     * so ({@link Batch.KeyFilter#window()}). Its end is never committed: a backfill leaves the
     * pipeline's position where it is.
     *
     * @throws dev.weir.core.error.WeirException {@code SOURCE_FAILED} or {@code SOURCE_UNAVAILABLE}
     *     when the source cannot be read
     */
    SourceBatch openWindow(KeyWindow window);
}
