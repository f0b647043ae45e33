package dev.weir.connectors.http;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.util.concurrent.TimeUnit;

/**
 * Spaces request starts at least {@code 1 / requestsPerSecond} apart, retries included, so that a
 * run stays under an API's rate limit instead of running into its 429s. Used by one thread.
 */
final class RequestPacer {
    private final long intervalNanos;
    private long nextStart = Long.MIN_VALUE;

    RequestPacer(double requestsPerSecond) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
    }

    /** Waits until the next request may start. */
    void awaitTurn() {
        long now = System.nanoTime();
        if (nextStart != Long.MIN_VALUE && now - nextStart < 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nextStart - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw WeirException.withHint(ErrorCode.CANCELLED, "Cancelled while waiting for the request rate", null);
            }
            now = nextStart;
        }
        nextStart = now + intervalNanos;
    }
}
