package dev.weir.core.spec.load;

import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.ScheduleSpec;
import java.time.Duration;
import java.util.List;

/** The scheduling keys of {@code pipeline:}: {@code schedule} and the policies that go with it. */
final class ScheduleReader {
    static final String FOLLOW_INTERVAL = "follow_interval_seconds";
    private static final List<String> TICK_POLICIES = List.of("catch_up", "on_busy");

    private ScheduleReader() {}

    /** Reports what the keys cannot mean before the spec is built. */
    static void check(SectionValues info) {
        TextValues.requireQuotedText(info, "schedule", "schedule: \"0 * * * *\"");
        TextValues.checkCron(info, "schedule");
        checkMaxConcurrent(info);
        boolean followed = isFollowed(info);
        if (!followed && info.has(FOLLOW_INTERVAL)) {
            info.problems()
                    .add(
                            info.location(FOLLOW_INTERVAL),
                            FOLLOW_INTERVAL + " applies only to a followed pipeline",
                            "set schedule: follow, or remove " + FOLLOW_INTERVAL);
        }
        if (followed) {
            for (String policy : TICK_POLICIES) {
                if (info.has(policy)) {
                    info.problems()
                            .add(
                                    info.location(policy),
                                    policy + " does not apply to schedule: follow: a followed pipeline has no"
                                            + " ticks to miss or queue, its next batch starts where the table ends",
                                    "remove " + policy);
                }
            }
        }
    }

    /** A followed pipeline reads on from its position each batch: a full extract would load everything each time. */
    static void checkFollowedExtract(SectionValues info, SectionValues extract) {
        if (isFollowed(info)
                && extract.text("strategy")
                        .filter(ExtractStrategy.FULL.yamlName()::equals)
                        .isPresent()) {
            info.problems()
                    .add(
                            info.location("schedule"),
                            "schedule: follow needs a source that reads on from where the table ends, but "
                                    + extract.path() + ".strategy is full: every batch would read everything again",
                            "follow a cdc, log-based or incremental extract, or give this pipeline a cron schedule");
        }
    }

    static ScheduleSpec schedule(SectionValues info) {
        return ScheduleSpec.of(
                info.text("schedule").orElse(""),
                info.has(FOLLOW_INTERVAL)
                        ? Duration.ofSeconds(info.integer(FOLLOW_INTERVAL))
                        : ScheduleSpec.DEFAULT_FOLLOW_INTERVAL,
                info.choice("catch_up", ScheduleSpec.CatchUp.values(), ScheduleSpec.CatchUp::yamlName)
                        .orElse(ScheduleSpec.CatchUp.LAST),
                info.choice("on_busy", ScheduleSpec.OnBusy.values(), ScheduleSpec.OnBusy::yamlName)
                        .orElse(ScheduleSpec.OnBusy.QUEUE),
                1);
    }

    private static boolean isFollowed(SectionValues info) {
        return info.text("schedule")
                .map(String::trim)
                .filter(ScheduleSpec.FOLLOW::equals)
                .isPresent();
    }

    /** Two runs of one pipeline would read the same batch from the same position, so they never overlap. */
    private static void checkMaxConcurrent(SectionValues info) {
        if (info.has("max_concurrent") && info.integer("max_concurrent") > 1) {
            info.problems()
                    .add(
                            info.location("max_concurrent"),
                            "max_concurrent: " + info.integer("max_concurrent")
                                    + " is not possible: runs of one pipeline share its position (watermark, files"
                                    + " loaded) and its table, so a second run waits for the first",
                            "keep max_concurrent: 1 (the default) and split the work into pipelines that run side by"
                                    + " side; scheduler.max_concurrent in weir.yaml sets how many run at once");
        }
    }
}
