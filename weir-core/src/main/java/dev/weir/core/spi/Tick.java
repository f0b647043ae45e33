package dev.weir.core.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One time a pipeline is due: a cron time, or the moment its upstream tables changed. A tick runs
 * at most once to success; each attempt is a run of its own, listed in {@code runIds}, latest last.
 *
 * @param notBefore when a retry may start; the scheduled time for a first attempt
 * @param note why the tick ended as it did (skipped, failed, caught up), empty otherwise
 */
public record Tick(
        String tickId,
        String pipeline,
        Instant scheduledAt,
        Trigger trigger,
        TickState state,
        int attempts,
        List<String> runIds,
        Instant notBefore,
        Optional<String> note) {
    public Tick {
        Objects.requireNonNull(tickId, "tickId is null");
        Objects.requireNonNull(pipeline, "pipeline is null");
        Objects.requireNonNull(scheduledAt, "scheduledAt is null");
        Objects.requireNonNull(trigger, "trigger is null");
        Objects.requireNonNull(state, "state is null");
        runIds = List.copyOf(runIds);
        Objects.requireNonNull(notBefore, "notBefore is null");
        Objects.requireNonNull(note, "note is null");
    }

    /** A new tick of {@code pipeline} due at {@code scheduledAt}; its id is the pipeline and the time. */
    public static Tick due(String pipeline, Instant scheduledAt, Trigger trigger) {
        return new Tick(
                pipeline + "@" + scheduledAt,
                pipeline,
                scheduledAt,
                trigger,
                TickState.PENDING,
                0,
                List.of(),
                scheduledAt,
                Optional.empty());
    }

    /** This tick started as attempt {@code attempts + 1}, by run {@code runId}. */
    public Tick started(String runId) {
        List<String> runs = new ArrayList<>(runIds);
        runs.add(runId);
        return new Tick(tickId, pipeline, scheduledAt, trigger, TickState.RUNNING, attempts + 1, runs, notBefore, note);
    }

    /** This tick waits again, for a retry from {@code retryAt} or for the pipeline to be free. */
    public Tick waiting(Instant retryAt, Optional<String> why) {
        return new Tick(tickId, pipeline, scheduledAt, trigger, TickState.PENDING, attempts, runIds, retryAt, why);
    }

    /** This tick ended in {@code end}. */
    public Tick ended(TickState end, Optional<String> why) {
        return new Tick(tickId, pipeline, scheduledAt, trigger, end, attempts, runIds, notBefore, why);
    }

    public Optional<String> lastRunId() {
        return runIds.isEmpty() ? Optional.empty() : Optional.of(runIds.get(runIds.size() - 1));
    }

    public enum Trigger {
        CRON("cron"),
        UPSTREAM("upstream");

        private final String wireName;

        Trigger(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Trigger fromWireName(String name) {
            for (Trigger t : values()) {
                if (t.wireName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("Unknown tick trigger '" + name + "'");
        }
    }

    public enum TickState {
        /** Waiting for its time, a free slot, its upstream or a retry. */
        PENDING("pending"),
        /** An attempt is running (or its process died: the scheduler that next holds the lease finds out). */
        RUNNING("running"),
        SUCCEEDED("succeeded"),
        FAILED("failed"),
        /** Not run: missed under catch_up none or last, or busy under on_busy skip. */
        SKIPPED("skipped");

        private final String wireName;

        TickState(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean isOpen() {
            return this == PENDING || this == RUNNING;
        }

        public static TickState fromWireName(String name) {
            for (TickState s : values()) {
                if (s.wireName.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown tick state '" + name + "'");
        }
    }
}
