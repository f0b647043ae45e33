package dev.weir.connectors.http;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code extract.retry}: how often a request that failed for a reason worth waiting out (429, 502,
 * 503, 504, a connection error, a timeout) is tried again, and the exponential backoff between tries.
 */
record RetrySettings(int maxRetries, Duration baseDelay, Duration maxDelay) {
    RetrySettings {
        Objects.requireNonNull(baseDelay, "baseDelay is null");
        Objects.requireNonNull(maxDelay, "maxDelay is null");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries is negative: " + maxRetries);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("Invalid delays: base " + baseDelay + ", max " + maxDelay);
        }
    }
}
