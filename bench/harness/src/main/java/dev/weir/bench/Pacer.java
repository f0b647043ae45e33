package dev.weir.bench;

import java.time.Duration;

/**
 * Holds a source writer to a rate: each unit of work waits for its time on a fixed schedule from
 * the start, so a slow moment is made up afterwards instead of lowering the rate for good.
 */
final class Pacer {
    private final double perSecond;
    private final long start = System.nanoTime();
    private final long end;

    Pacer(double perSecond, Duration window) {
        this.perSecond = perSecond;
        this.end = start + window.toNanos();
    }

    /** Waits until {@code done} changes are due; false once the window is over. */
    boolean awaitTurn(long done) throws InterruptedException {
        long due = start + (long) (done / perSecond * 1e9);
        long now = System.nanoTime();
        if (due > now) {
            Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
        }
        return System.nanoTime() < end;
    }
}
