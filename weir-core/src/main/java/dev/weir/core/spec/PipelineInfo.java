package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;

/** The {@code pipeline:} section: identity, ownership, schedule and upstream pipelines. */
public record PipelineInfo(
        String name,
        String owner,
        String description,
        String schedule,
        int slaMinutes,
        int tier,
        List<String> dependsOn) {
    public PipelineInfo {
        Objects.requireNonNull(name, "name is null");
        owner = owner == null ? "" : owner;
        description = description == null ? "" : description;
        schedule = schedule == null ? "" : schedule;
        dependsOn = List.copyOf(dependsOn);
    }
}
