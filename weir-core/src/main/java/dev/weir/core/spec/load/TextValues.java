package dev.weir.core.spec.load;

import dev.weir.core.schedule.CronExpressions;
import dev.weir.core.spec.ScheduleSpec;
import java.util.Optional;

/** Checks of text values that their key's rule cannot express: text that YAML would read as a number, cron expressions. */
final class TextValues {
    private TextValues() {}

    /**
     * Reports {@code key} when YAML read it as a number or a boolean although it is text: an
     * unquoted {@code version: 1.10} reads as 1.1, {@code schedule: 42} is no schedule.
     */
    static void requireQuotedText(SectionValues section, String key, String example) {
        section.node(key)
                .filter(YamlNode.Scalar.class::isInstance)
                .map(YamlNode.Scalar.class::cast)
                .filter(s -> s.isNumber() || s.isBoolean())
                .ifPresent(s -> section.problems()
                        .add(
                                section.location(key),
                                "Expected text, found " + s.describe(),
                                "quote it, like '" + example + "'"));
    }

    /** Reports {@code schedule} when it is neither {@code upstream}, {@code follow} nor a cron expression ({@link CronExpressions}). */
    static void checkCron(SectionValues section, String key) {
        Optional<String> expression = section.text(key)
                .filter(t -> !t.isBlank()
                        && !t.trim().equals(ScheduleSpec.UPSTREAM)
                        && !t.trim().equals(ScheduleSpec.FOLLOW));
        if (expression.isEmpty()
                || section.node(key)
                        .filter(n -> n instanceof YamlNode.Scalar s && s.isNumber())
                        .isPresent()) {
            return;
        }
        try {
            CronExpressions.parse(expression.get());
        } catch (IllegalArgumentException e) {
            section.problems()
                    .add(
                            section.location(key),
                            "Invalid cron expression '" + expression.get() + "': " + e.getMessage(),
                            CronExpressions.HINT);
        }
    }
}
