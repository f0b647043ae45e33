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

    /**
     * Runs {@code action} with the thread's interrupt status cleared, then sets it again if it was
     * set before or if the action was interrupted. A cancellation interrupts the run's thread, and
     * many clients (Kafka's consumer, Debezium's engine) give up on closing cleanly in an
     * interrupted thread; this lets a cancelled run still close them, and still end afterwards.
     */
    static <E extends Exception> void closingAside(Closing<E> action) throws E {
        boolean interrupted = Thread.interrupted();
        try {
            action.run();
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closing work that may wait, and so may be interrupted. */
    @FunctionalInterface
    interface Closing<E extends Exception> {
        void run() throws E, InterruptedException;
    }
}
