package dev.weir.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What has been sent to people, kept across processes (each {@code weir run} is a new one): when each
 * kind of alert last went out and how many like it were held back since, and the P2 alerts waiting
 * for the daily digest. Each method is one transaction, so two processes never both send.
 */
public interface AlertLedger {
    /** Whether to send an alert now, and how many like it were suppressed since it last went out. */
    record Admission(boolean send, long suppressed, Optional<Instant> suppressedSince) {}

    /** An alert waiting for the digest, with the channels of the pipeline that raised it. */
    record Queued(List<String> channels, Alert alert) {
        public Queued {
            channels = List.copyOf(channels);
        }
    }

    /**
     * Sends the alert under {@code dedupKey} if none was sent within {@code quietPeriod} before
     * {@code now}, and then clears its count; otherwise counts it as suppressed.
     */
    Admission admit(String dedupKey, String pipeline, Instant now, Duration quietPeriod);

    /** Forgets what was sent for {@code pipeline}: its condition is resolved, so the next failure pages at once. */
    void resolve(String pipeline);

    /** Keeps {@code alert} for the next digest. */
    void queueForDigest(List<String> channels, Alert alert);

    /**
     * Takes every queued alert for the digest due at {@code dueAt}, unless that digest was taken
     * already; then it returns nothing. Queued alerts are removed as they are taken.
     */
    List<Queued> takeDigest(Instant dueAt);
}
