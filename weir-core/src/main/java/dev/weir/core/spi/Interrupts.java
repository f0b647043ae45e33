package dev.weir.core.spi;

/**
 * Closing a client in a cancelled run: the cancellation interrupts the run's thread, and many
 * clients (Kafka's consumer, Debezium's engine) give up on closing cleanly in an interrupted thread.
 */
public final class Interrupts {
    private Interrupts() {}

    /** Work that may wait, and so may be interrupted. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E, InterruptedException;
    }

    /**
     * Runs {@code action} with the thread's interrupt status cleared, then sets it again if it was
     * set before or if the action was interrupted: the cancellation still ends the run afterwards.
     */
    public static <E extends Exception> void setAside(Action<E> action) throws E {
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
}
