package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;

/**
 * The {@code pipeline:} section: identity, ownership, schedule and upstream pipelines.
 *
 * @param slaMinutes how long after its scheduled time a run may still be going; 0 when not promised
 */
public record PipelineInfo(
        String name,
        String owner,
        String description,
        ScheduleSpec schedule,
        int slaMinutes,
        int tier,
        List<String> dependsOn) {
    public PipelineInfo {
        Objects.requireNonNull(name, "name is null");
        owner = owner == null ? "" : owner;
        description = description == null ? "" : description;
        schedule = schedule == null ? ScheduleSpec.NONE : schedule;
        dependsOn = List.copyOf(dependsOn);
    }

    /** A pipeline with the default scheduling policies for {@code schedule} ({@code ""}, {@code upstream} or cron). */
    public PipelineInfo(
            String name,
            String owner,
            String description,
            String schedule,
            int slaMinutes,
            int tier,
            List<String> dependsOn) {
        this(name, owner, description, ScheduleSpec.of(schedule), slaMinutes, tier, dependsOn);
    }
}
