package dev.weir.connectors.http;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The wait before retry {@code n}: the base delay doubled for each retry before it, capped at the
 * maximum, of which a random half is taken off ("equal jitter") so that clients failed by one outage
 * do not all come back at once. A server's {@code Retry-After} replaces it, up to the same maximum,
 * so that a server asking for an hour cannot stall a run for an hour unless the user allows it.
 */
final class Backoff {
    private final RetrySettings settings;
    private final RandomGenerator random;

    Backoff(RetrySettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** @param retry 1 for the first retry */
    Duration before(int retry, Optional<Duration> retryAfter) {
        Duration max = settings.maxDelay();
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(max) > 0 ? max : retryAfter.get();
        }
        long base = settings.baseDelay().toNanos();
        long capped = Math.min(max.toNanos(), base << Math.min(retry - 1, 30));
        if (capped < 0) {
            capped = max.toNanos();
        }
        long half = capped / 2;
        return Duration.ofNanos(capped - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
