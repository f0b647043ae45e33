package dev.weir.scheduler;

import dev.weir.core.error.WeirException;
import dev.weir.core.plan.DependencyGraph;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.ScheduleSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.ScheduleStore;
import dev.weir.core.spi.ScheduleStore.ScheduleCursor;
import dev.weir.core.spi.TableReader;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.Tick;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns schedules into ticks in the store. A cron pipeline's cursor is the latest cron time already
 * planned, so a time becomes a tick once, whatever stops the scheduler in between: the ticks and the
 * cursor move in one transaction. Times that passed while no scheduler ran are planned as the
 * pipeline's {@code catch_up} says. A {@code schedule: upstream} pipeline's cursor holds the snapshot
 * ids of the tables it reads; a tick is planned when they change and their writers have nothing open,
 * so it runs after them, in the graph's order.
 */
final class TickPlanner {
    /** How many missed times one pass plans under {@code catch_up: all}; the next pass goes on. */
    static final int MAX_TICKS_PER_PASS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(TickPlanner.class);

    private final ProjectSpec project;
    private final DependencyGraph graph;
    private final ScheduleStore store;
    private final TableReader tables;
    private final String holder;
    private final Duration grace;
    private final Map<String, CronTimes> crons = new HashMap<>();
    /** The earliest time each cron pipeline can have a new tick; kept in memory so a pass costs no query for most. */
    private final Map<String, Instant> nextDue = new HashMap<>();

    /**
     * @param grace how late a time may be planned and still count as on time, not missed
     */
    TickPlanner(
            ProjectSpec project,
            DependencyGraph graph,
            ScheduleStore store,
            TableReader tables,
            String holder,
            Duration grace) {
        this.project = project;
        this.graph = graph;
        this.store = store;
        this.tables = tables;
        this.holder = holder;
        this.grace = grace;
        for (PipelineSpec pipeline : project.pipelines()) {
            pipeline.pipeline()
                    .schedule()
                    .cron()
                    .ifPresent(cron -> crons.put(
                            pipeline.name(),
                            new CronTimes(cron, project.scheduler().timeZone())));
        }
    }

    /** The earliest time a cron pipeline has a tick to plan, as far as this planner knows. */
    Optional<Instant> earliestDue() {
        return nextDue.values().stream().min(Comparator.naturalOrder());
    }

    /** Forgets what it knew of the cursors: another scheduler may have moved them while this one had no lease. */
    void forget() {
        nextDue.clear();
    }

    /**
     * Plans every tick due at {@code now}: the cron times first, then the upstream changes, so that
     * a pipeline whose upstream has just been planned waits for that upstream's run.
     *
     * @return false when the lease was lost while planning
     */
    boolean plan(Instant now) {
        for (PipelineSpec pipeline : project.pipelines()) {
            ScheduleSpec schedule = pipeline.pipeline().schedule();
            if (schedule.cron().isPresent() && !planCron(pipeline.name(), schedule.catchUp(), now)) {
                return false;
            }
        }
        Set<String> openPipelines = null;
        for (PipelineSpec pipeline : project.pipelines()) {
            if (pipeline.pipeline().schedule().afterUpstream()) {
                if (openPipelines == null) {
                    openPipelines =
                            store.openTicks().stream().map(Tick::pipeline).collect(Collectors.toSet());
                }
                if (!planUpstream(pipeline.name(), now, openPipelines)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean planCron(String pipeline, ScheduleSpec.CatchUp catchUp, Instant now) {
        Instant due = nextDue.get(pipeline);
        if (due != null && now.isBefore(due)) {
            return true;
        }
        CronTimes cron = crons.get(pipeline);
        Optional<ScheduleCursor> cursor = store.cursor(pipeline);
        if (cursor.isEmpty()) {
            // A schedule seen for the first time starts now: the times before it were never promised.
            if (!store.plan(pipeline, List.of(), new ScheduleCursor(now, ""), holder, now)) {
                return false;
            }
            cron.next(now).ifPresent(next -> nextDue.put(pipeline, next));
            return true;
        }
        Instant last = cursor.get().lastTick();
        List<Instant> times;
        if (catchUp == ScheduleSpec.CatchUp.ALL) {
            times = cron.between(last, now, MAX_TICKS_PER_PASS);
        } else {
            times = cron.latest(now).filter(t -> t.isAfter(last)).stream().toList();
        }
        if (times.isEmpty()) {
            cron.next(last.isAfter(now) ? last : now).ifPresent(next -> nextDue.put(pipeline, next));
            return true;
        }
        Instant latest = times.get(times.size() - 1);
        List<Instant> planned = times;
        if (catchUp == ScheduleSpec.CatchUp.NONE && latest.isBefore(now.minus(grace))) {
            planned = List.of();
        }
        if (catchUp != ScheduleSpec.CatchUp.ALL) {
            Optional<Instant> firstMissed = cron.next(last).filter(t -> t.isBefore(latest));
            firstMissed.ifPresent(first -> LOG.info(
                    "{}: skipped the times from {} to before {} that passed while no scheduler ran (catch_up: {})",
                    pipeline,
                    first,
                    latest,
                    catchUp.yamlName()));
        }
        List<Tick> ticks = planned.stream()
                .map(t -> Tick.due(pipeline, t, Tick.Trigger.CRON))
                .toList();
        if (!store.plan(pipeline, ticks, new ScheduleCursor(latest, ""), holder, now)) {
            return false;
        }
        if (times.size() == MAX_TICKS_PER_PASS) {
            nextDue.put(pipeline, now);
        } else {
            cron.next(latest.isAfter(now) ? latest : now).ifPresent(next -> nextDue.put(pipeline, next));
        }
        return true;
    }

    private boolean planUpstream(String pipeline, Instant now, Set<String> openPipelines) {
        Map<TableId, String> inputs = graph.inputsOf(pipeline);
        Collection<String> writers = inputs.values();
        if (inputs.isEmpty() || writers.stream().anyMatch(openPipelines::contains)) {
            return true;
        }
        String snapshots = inputs.keySet().stream()
                .map(table -> table + "=" + snapshotOf(table))
                .sorted()
                .collect(Collectors.joining(" "));
        Optional<ScheduleCursor> cursor = store.cursor(pipeline);
        if (cursor.map(c -> c.upstreamSnapshots().equals(snapshots)).orElse(false)
                || inputs.keySet().stream().allMatch(t -> snapshotOf(t).equals("none"))) {
            return true;
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Tick tick = Tick.due(pipeline, at, Tick.Trigger.UPSTREAM);
        return store.plan(pipeline, List.of(tick), new ScheduleCursor(at, snapshots), holder, now);
    }

    private String snapshotOf(TableId table) {
        try {
            return tables.load(table)
                    .map(TableState::snapshotId)
                    .filter(OptionalLong::isPresent)
                    .map(id -> Long.toString(id.getAsLong()))
                    .orElse("none");
        } catch (WeirException unreadable) {
            return "none";
        }
    }
}
