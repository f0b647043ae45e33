package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code pipeline:} section: identity, ownership, schedule and upstream pipelines.
 *
 * @param slaMinutes how long after its scheduled time a run may still be going; 0 when not promised
 * @param maxLag how far behind its source the committed position may be after a run, in the unit the
 *     source measures lag in (messages for a topic), before the pipeline alerts; empty when not watched
 */
public record PipelineInfo(
        String name,
        String owner,
        String description,
        ScheduleSpec schedule,
        int slaMinutes,
        int tier,
        List<String> dependsOn,
        OptionalLong maxLag) {
    public PipelineInfo {
        Objects.requireNonNull(name, "name is null");
        owner = owner == null ? "" : owner;
        description = description == null ? "" : description;
        schedule = schedule == null ? ScheduleSpec.NONE : schedule;
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(maxLag, "maxLag is null");
        if (maxLag.isPresent() && maxLag.getAsLong() < 1) {
            throw new IllegalArgumentException("maxLag must be positive: " + maxLag.getAsLong());
        }
    }

    /**
     * A pipeline with the default scheduling policies for {@code schedule} ({@code ""}, {@code upstream}
     * or cron), whose lag is not watched.
     */
    public PipelineInfo(
            String name,
            String owner,
            String description,
            String schedule,
            int slaMinutes,
            int tier,
            List<String> dependsOn) {
        this(name, owner, description, ScheduleSpec.of(schedule), slaMinutes, tier, dependsOn, OptionalLong.empty());
    }
}
