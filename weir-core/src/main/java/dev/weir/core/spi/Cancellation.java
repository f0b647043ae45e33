package dev.weir.core.spi;

/**
 * Tells a long step that its run was cancelled. A source or engine checks it between units of
 * work (a page, a file, a poll) and stops by throwing {@link #check()}'s exception; safe to call from any thread.
 */
public interface Cancellation {
    boolean isCancelled();

    /**
     * @throws dev.weir.core.error.WeirException {@code CANCELLED} when the run was cancelled
     */
    void check();
}
