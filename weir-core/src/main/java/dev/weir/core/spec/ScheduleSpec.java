package dev.weir.core.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * When the scheduler runs a pipeline: on a cron expression, after its upstream tables change, or
 * never (run by hand only); what it does with ticks it missed while it was down; and what a tick
 * does when the pipeline is still busy with an earlier one.
 *
 * @param cron five fields (minute hour day month weekday) or six with seconds first; empty when not on a clock
 * @param afterUpstream {@code schedule: upstream}: run when a table the pipeline reads has a new snapshot
 * @param maxConcurrent runs of this pipeline at once; one, because a pipeline's runs share one position
 */
public record ScheduleSpec(
        Optional<String> cron, boolean afterUpstream, CatchUp catchUp, OnBusy onBusy, int maxConcurrent) {
    public static final String UPSTREAM = "upstream";
    public static final ScheduleSpec NONE = new ScheduleSpec(Optional.empty(), false, CatchUp.LAST, OnBusy.QUEUE, 1);

    public ScheduleSpec {
        Objects.requireNonNull(cron, "cron is null");
        Objects.requireNonNull(catchUp, "catchUp is null");
        Objects.requireNonNull(onBusy, "onBusy is null");
        if (cron.isPresent() && afterUpstream) {
            throw new IllegalArgumentException("a schedule is a cron expression or upstream, not both");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
    }

    /** The schedule {@code text} names ({@code ""}, {@code upstream} or a cron expression), with the default policies. */
    public static ScheduleSpec of(String text) {
        return of(text, CatchUp.LAST, OnBusy.QUEUE, 1);
    }

    public static ScheduleSpec of(String text, CatchUp catchUp, OnBusy onBusy, int maxConcurrent) {
        String trimmed = text == null ? "" : text.trim();
        boolean upstream = trimmed.equals(UPSTREAM);
        Optional<String> cron = trimmed.isEmpty() || upstream ? Optional.empty() : Optional.of(trimmed);
        return new ScheduleSpec(cron, upstream, catchUp, onBusy, maxConcurrent);
    }

    /** Whether the scheduler starts this pipeline at all. */
    public boolean isScheduled() {
        return cron.isPresent() || afterUpstream;
    }

    /** How the YAML spells this schedule. */
    public String text() {
        return afterUpstream ? UPSTREAM : cron.orElse("");
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
