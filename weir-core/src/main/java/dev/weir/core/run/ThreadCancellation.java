package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Cancellation;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A run is cancelled by interrupting the thread it runs on, up to the moment it starts to publish:
 * from then on it finishes publishing and recording what it published, and the interrupt waits.
 */
final class ThreadCancellation implements Cancellation {
    private final Thread runThread;
    private volatile boolean publishing;

    ThreadCancellation(Thread runThread) {
        this.runThread = runThread;
    }

    static ThreadCancellation ofCurrentThread() {
        return new ThreadCancellation(Thread.currentThread());
    }

    @Override
    public boolean isCancelled() {
        return !publishing && runThread.isInterrupted();
    }

    @Override
    public void check() {
        if (isCancelled()) {
            throw cancelled(null);
        }
    }

    /**
     * Does {@code publication} to its end, whatever interrupts the run's thread meanwhile: an
     * interrupt inside a table commit or a metastore write would leave a snapshot published and its
     * run recorded as cancelled, its quarantine taken back. It runs on a thread of its own, which no
     * signal handler or executor knows to interrupt; an interrupt of the run's thread is kept for
     * after, when the project runner sees it and starts nothing more.
     */
    <T> T uncancellable(String what, Supplier<T> publication) {
        check();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread publisher = new Thread(
                () -> {
                    try {
                        result.set(publication.get());
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "weir-publish-" + what);
        publishing = true;
        boolean interrupted = false;
        try {
            publisher.start();
            while (publisher.isAlive()) {
                try {
                    publisher.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            publishing = false;
            if (interrupted) {
                runThread.interrupt();
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException(what + " failed", failed);
        }
        return result.get();
    }

    /** The failure of a cancelled run; {@code stopped} is what the step it stopped threw, if anything. */
    WeirException cancelled(RuntimeException stopped) {
        if (stopped instanceof WeirException e && e.code() == ErrorCode.CANCELLED) {
            return e;
        }
        return new WeirException(
                ErrorCode.CANCELLED,
                "Run cancelled",
                null,
                "nothing was published; run the pipeline again to load the batch",
                stopped);
    }
}
