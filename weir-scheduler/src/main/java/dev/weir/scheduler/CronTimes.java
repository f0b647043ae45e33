package dev.weir.scheduler;

import com.cronutils.model.time.ExecutionTime;
import dev.weir.core.schedule.CronExpressions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The times a cron expression names, read in the project's time zone. */
final class CronTimes {
    private final ExecutionTime times;
    private final ZoneId zone;

    CronTimes(String expression, ZoneId zone) {
        this.times = ExecutionTime.forCron(CronExpressions.parse(expression));
        this.zone = zone;
    }

    /** The first time after {@code after}. */
    Optional<Instant> next(Instant after) {
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The latest time at or before {@code atOrBefore}. */
    Optional<Instant> latest(Instant atOrBefore) {
        ZonedDateTime at = atOrBefore.atZone(zone);
        if (times.isMatch(at.withNano(0)) && atOrBefore.getNano() == 0) {
            return Optional.of(atOrBefore);
        }
        return times.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    /** The times after {@code after} and at or before {@code upTo}, oldest first, at most {@code limit}. */
    List<Instant> between(Instant after, Instant upTo, int limit) {
        List<Instant> result = new ArrayList<>();
        Optional<Instant> next = next(after);
        while (next.isPresent() && !next.get().isAfter(upTo) && result.size() < limit) {
            result.add(next.get());
            next = next(next.get());
        }
        return result;
    }
}
