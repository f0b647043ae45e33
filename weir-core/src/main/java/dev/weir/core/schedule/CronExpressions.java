package dev.weir.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * Parses {@code pipeline.schedule}: five fields as in crontab (minute hour day-of-month month
 * day-of-week), or six with a seconds field first, for schedules finer than a minute.
 */
public final class CronExpressions {
    public static final String HINT = "use five fields, minute hour day-of-month month day-of-week, such as"
            + " \"0 6 * * *\" (06:00 every day), six with seconds first (\"*/30 * * * * *\"), upstream, or follow";

    private static final CronParser MINUTES =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SECONDS =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

    private CronExpressions() {}

    /**
     * The validated expression.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Cron parse(String expression) {
        String trimmed = expression.trim();
        CronParser parser = trimmed.split("\\s+").length == 6 ? SECONDS : MINUTES;
        return parser.parse(trimmed).validate();
    }
}
