package dev.weir.core.spi;

/**
 * Tells a long step that its run was cancelled. A source or engine checks it between units of
 * work (a page, a file, a poll) and stops by throwing {@link #check()}'s exception; safe to call from any thread.
 */
public interface Cancellation {
    /** For work outside a run, which nothing cancels (such as {@code weir validate --connect}). */
    Cancellation NEVER = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void check() {}
    };

    boolean isCancelled();

    /**
     * @throws dev.weir.core.error.WeirException {@code CANCELLED} when the run was cancelled
     */
    void check();
}
