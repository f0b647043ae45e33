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
            throw WeirException.withHint(
                    ErrorCode.CANCELLED,
                    "Run cancelled",
                    "nothing was published; run the pipeline again to load the batch");
        }
    }
}
