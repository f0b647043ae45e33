package dev.weir.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's state in the metastore: the project's scheduler lease, each pipeline's schedule
 * cursor, and its ticks. Every change that a scheduler makes is fenced by the lease: it takes effect
 * only while {@code holder} holds an unexpired lease, atomically with the check, so two schedulers on
 * one project never both plan or start a tick.
 */
public interface ScheduleStore {
    /**
     * Takes the lease for {@code holder} if it is free or expired, or renews it if {@code holder}
     * holds it, until {@code now + ttl}.
     *
     * @return whether {@code holder} holds the lease now
     */
    boolean holdLease(String holder, Instant now, Duration ttl);

    /** Gives the lease up if {@code holder} holds it, so another scheduler can take it at once. */
    void releaseLease(String holder);

    /** Who holds the lease and until when, if anyone ever took it. */
    Optional<Lease> lease();

    /** How far the schedule of {@code pipeline} has been planned. */
    Optional<ScheduleCursor> cursor(String pipeline);

    /**
     * Adds {@code ticks} (ticks already known by id are left as they are) and moves the cursor of
     * {@code pipeline} to {@code cursor}, in one transaction.
     *
     * @return false, changing nothing, when {@code holder} does not hold the lease at {@code now}
     */
    boolean plan(String pipeline, List<Tick> ticks, ScheduleCursor cursor, String holder, Instant now);

    /**
     * Replaces tick {@code updated.tickId()} with {@code updated} if it is still in state {@code from}.
     *
     * @return false, changing nothing, when the tick moved on or {@code holder} does not hold the lease
     */
    boolean transition(Tick.TickState from, Tick updated, String holder, Instant now);

    /** Pending and running ticks, oldest scheduled first. */
    List<Tick> openTicks();

    /** The latest ticks of {@code pipeline} (all pipelines when empty), latest scheduled first. */
    List<Tick> recentTicks(Optional<String> pipeline, int limit);

    /**
     * Records {@code marker} (such as an alert that must be sent once) if it is new.
     *
     * @return whether it was new
     */
    boolean markOnce(String marker, Instant now);

    record Lease(String holder, Instant expiresAt) {}

    /**
     * @param lastTick the latest cron time planned, or the time the upstream change was seen
     * @param upstreamSnapshots the snapshot ids of the upstream tables last planned for, as text
     */
    record ScheduleCursor(Instant lastTick, String upstreamSnapshots) {}
}
