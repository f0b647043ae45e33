package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Cancellation;

/** A run is cancelled by interrupting the thread it runs on. */
final class ThreadCancellation implements Cancellation {
    private final Thread runThread;

    ThreadCancellation(Thread runThread) {
        this.runThread = runThread;
    }

    static ThreadCancellation ofCurrentThread() {
        return new ThreadCancellation(Thread.currentThread());
    }

    @Override
    public boolean isCancelled() {
        return runThread.isInterrupted();
    }

    @Override
    public void check() {
        if (isCancelled()) {
            throw cancelled(null);
        }
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
