package dev.weir.core.spec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When the scheduler runs a pipeline: on a cron expression, after its upstream tables change,
 * followed (a batch every interval, for streams and change feeds), or never (run by hand only);
 * what it does with ticks it missed while it was down; and what a tick does when the pipeline is
 * still busy with an earlier one.
 *
 * @param cron five fields (minute hour day month weekday) or six with seconds first; empty when not on a clock
 * @param afterUpstream {@code schedule: upstream}: run when a table the pipeline reads has a new snapshot
 * @param followInterval {@code schedule: follow}: how often a batch starts, as {@code weir run --follow} does
 * @param maxConcurrent runs of this pipeline at once; one, because a pipeline's runs share one position
 */
public record ScheduleSpec(
        Optional<String> cron,
        boolean afterUpstream,
        Optional<Duration> followInterval,
        CatchUp catchUp,
        OnBusy onBusy,
        int maxConcurrent) {
    public static final String UPSTREAM = "upstream";
    public static final String FOLLOW = "follow";
    /** The commit interval of a followed pipeline when {@code follow_interval_seconds} is not given. */
    public static final Duration DEFAULT_FOLLOW_INTERVAL = Duration.ofSeconds(10);

    public static final ScheduleSpec NONE =
            new ScheduleSpec(Optional.empty(), false, Optional.empty(), CatchUp.LAST, OnBusy.QUEUE, 1);

    public ScheduleSpec {
        Objects.requireNonNull(cron, "cron is null");
        Objects.requireNonNull(followInterval, "followInterval is null");
        Objects.requireNonNull(catchUp, "catchUp is null");
        Objects.requireNonNull(onBusy, "onBusy is null");
        if ((cron.isPresent() ? 1 : 0) + (afterUpstream ? 1 : 0) + (followInterval.isPresent() ? 1 : 0) > 1) {
            throw new IllegalArgumentException("a schedule is one of a cron expression, upstream or follow");
        }
        if (followInterval.filter(i -> i.isNegative() || i.isZero()).isPresent()) {
            throw new IllegalArgumentException("a follow interval must be positive");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
    }

    /** The schedule {@code text} names ({@code ""}, {@code upstream}, {@code follow} or a cron expression), with the default policies. */
    public static ScheduleSpec of(String text) {
        return of(text, DEFAULT_FOLLOW_INTERVAL, CatchUp.LAST, OnBusy.QUEUE, 1);
    }

    /** @param followInterval the interval if {@code text} is {@code follow}; ignored otherwise */
    public static ScheduleSpec of(
            String text, Duration followInterval, CatchUp catchUp, OnBusy onBusy, int maxConcurrent) {
        String trimmed = text == null ? "" : text.trim();
        boolean upstream = trimmed.equals(UPSTREAM);
        boolean follow = trimmed.equals(FOLLOW);
        Optional<String> cron = trimmed.isEmpty() || upstream || follow ? Optional.empty() : Optional.of(trimmed);
        return new ScheduleSpec(
                cron,
                upstream,
                follow ? Optional.of(followInterval) : Optional.empty(),
                catchUp,
                onBusy,
                maxConcurrent);
    }

    /** Whether the scheduler plans ticks for this pipeline: on a clock or after its upstream. */
    public boolean isScheduled() {
        return cron.isPresent() || afterUpstream;
    }

    /** Whether the scheduler keeps this pipeline running, a batch every {@link #followInterval}. */
    public boolean isFollowed() {
        return followInterval.isPresent();
    }

    /** How the YAML spells this schedule. */
    public String text() {
        return afterUpstream ? UPSTREAM : isFollowed() ? FOLLOW : cron.orElse("");
    }

    /** What the scheduler does with the ticks that fell while it was not running ({@code catch_up}). */
    public enum CatchUp {
        /** Skip them: only a tick due now runs. */
        NONE("none"),
        /** Run the latest missed tick once. */
        LAST("last"),
        /** Run every missed tick, oldest first, each once. */
        ALL("all");

        private final String yamlName;

        CatchUp(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** What a tick does when the pipeline is still running an earlier one ({@code on_busy}). */
    public enum OnBusy {
        /** Wait, then run. */
        QUEUE("queue"),
        /** Drop the tick, noted in the schedule's history. */
        SKIP("skip"),
        /** Record the tick as failed and alert. */
        FAIL("fail");

        private final String yamlName;

        OnBusy(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
