package dev.weir.scheduler;

import dev.weir.core.plan.DependencyGraph;
import dev.weir.core.run.RunIds;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.ScheduleStore;
import dev.weir.core.spi.Tick;
import dev.weir.runtime.WeirRuntime;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a project's pipelines on their schedules inside one long-lived process. Its state is the
 * store's: a pass takes or renews the project's lease, closes what a dead scheduler left running,
 * plans the ticks that are due, starts what the limits allow, and alerts on missed deadlines. Only
 * the lease holder plans or starts anything, so two schedulers on one project never both run a tick.
 *
 * <p>At most {@code scheduler.max_concurrent} runs go at once, and never two of one pipeline; a tick
 * waits while a pipeline upstream of it has an open tick of the same time or earlier, so ticks run in
 * the graph's order.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration FRESHNESS_EVERY = Duration.ofMinutes(1);

    private final WeirRuntime runtime;
    private final ProjectSpec project;
    private final DependencyGraph graph;
    private final Settings settings;
    private final Clock clock;
    private final ScheduleStore store;
    private final TickPlanner planner;
    private final TickOutcomes outcomes;
    private final SchedulerAlerts alerts;
    private final SlaWatch slas;
    private final SchedulerMetrics metrics;
    private final FollowedPipelines followers;
    private final ExecutorService workers;
    private final Map<String, Tick> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> futures = new ConcurrentHashMap<>();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile boolean stopping;
    private boolean leader;
    private Instant freshnessCheckedAt = Instant.MIN;
    private int queued;

    /**
     * @param holder who this scheduler is in the lease (unique per process: {@link #newHolder})
     * @param leaseTtl how long the lease lasts without renewal: another scheduler takes over that long after this one dies
     * @param poll the time between passes
     * @param grace how late a cron time may be planned and still count as on time under {@code catch_up: none}
     */
    public record Settings(String holder, Duration leaseTtl, Duration poll, Duration grace) {
        public Settings {
            Objects.requireNonNull(holder, "holder is null");
            if (leaseTtl.compareTo(poll.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("the lease must outlast two passes");
            }
        }

        public static Settings defaults() {
            return new Settings(newHolder(), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
    }

    public Scheduler(WeirRuntime runtime, Settings settings, Clock clock) {
        this(runtime, settings, clock, new SchedulerMetrics(clock));
    }

    /** @param metrics where passes are measured; it must also be a listener of {@code runtime} to count runs */
    public Scheduler(WeirRuntime runtime, Settings settings, Clock clock, SchedulerMetrics metrics) {
        this.runtime = Objects.requireNonNull(runtime, "runtime is null");
        this.project = runtime.project();
        this.graph = DependencyGraph.of(project);
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.store = runtime.metastore().schedules();
        this.planner = new TickPlanner(project, graph, store, runtime.tables(), settings.holder(), settings.grace());
        this.outcomes = new TickOutcomes(runtime.metastore(), runtime.tables(), settings.poll());
        this.alerts = new SchedulerAlerts(runtime);
        this.slas = new SlaWatch(project, store, runtime.tables(), alerts::send);
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
        metrics.watch(runtime);
        this.followers = new FollowedPipelines(runtime, clock);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(project.scheduler().maxConcurrent(), r -> {
            Thread t = new Thread(r, "weir-run-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A lease holder name that no other process has: host, process id and a random part. */
    public static String newHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Passes every {@code poll}, or sooner when a cron time falls before the next poll, until
     * {@link #stop} is called or the thread is interrupted.
     */
    public void run() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                step();
            } catch (RuntimeException e) {
                // a busy or briefly unreachable metastore fails one pass, not the scheduler: the next pass
                // starts from the store's state again, and the lease bounds how long nothing happens
                LOG.error("scheduler pass failed; trying again at the next pass: {}", e.getMessage(), e);
            }
            try {
                Thread.sleep(untilNextPass().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized Duration untilNextPass() {
        Duration poll = settings.poll();
        return planner.earliestDue()
                .map(due -> Duration.between(clock.instant(), due))
                .filter(wait -> wait.compareTo(poll) < 0)
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
                .orElse(poll);
    }

    /**
     * One pass.
     *
     * @return whether this scheduler holds the lease
     */
    public synchronized boolean step() {
        if (stopping) {
            return false;
        }
        long began = System.nanoTime();
        boolean held = pass();
        metrics.pass(Duration.ofNanos(System.nanoTime() - began), held, queued, inFlight.size());
        return held;
    }

    private boolean pass() {
        Instant now = clock.instant();
        boolean held = store.holdLease(settings.holder(), now, settings.leaseTtl());
        if (held != leader) {
            leader = held;
            planner.forget();
            if (held) {
                LOG.info("scheduler {} holds the lease of project {}", settings.holder(), project.name());
            } else {
                LOG.info(
                        "scheduler {} waits: the lease is held by {}",
                        settings.holder(),
                        store.lease().map(ScheduleStore.Lease::holder).orElse("another scheduler"));
            }
        }
        followers.lead(held);
        if (!held) {
            return false;
        }
        List<Tick> open = store.openTicks();
        recover(open, now);
        if (!planner.plan(now)) {
            return false;
        }
        open = store.openTicks();
        dispatch(open, now);
        queued = (int) open.stream()
                .filter(t -> t.state() == Tick.TickState.PENDING && !inFlight.containsKey(t.tickId()))
                .count();
        slas.checkDeadlines(open, now);
        if (Duration.between(freshnessCheckedAt, now).compareTo(FRESHNESS_EVERY) >= 0) {
            freshnessCheckedAt = now;
            slas.checkFreshness(now);
            alerts.sendDueDigests(now);
        }
        return true;
    }

    /** Runs of ticks in this process now. */
    public int running() {
        return inFlight.size();
    }

    /** Pipelines with {@code schedule: follow} this process keeps running now. */
    public int following() {
        return followers.running();
    }

    /** How many ticks are pending or running, in the store. */
    public int openTicks() {
        return store.openTicks().size();
    }

    /** The most runs this scheduler had going at once. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /**
     * Stops passing, cancels the runs in flight and the followed pipelines' batches (they publish
     * nothing and are run again by the next scheduler) and gives the lease up.
     */
    public void stop() {
        synchronized (this) {
            stopping = true;
        }
        futures.values().forEach(f -> f.cancel(true));
        followers.stop();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("runs still going after a minute; their ticks are closed by the next scheduler");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.releaseLease(settings.holder());
    }

    @Override
    public void close() {
        if (!stopping || !workers.isTerminated()) {
            stop();
        }
    }

    /** Closes the ticks that a scheduler which died, or lost its lease, left running. */
    private void recover(List<Tick> open, Instant now) {
        for (Tick tick : open) {
            if (tick.state() != Tick.TickState.RUNNING || inFlight.containsKey(tick.tickId())) {
                continue;
            }
            Tick next = outcomes.recovered(tick, project.pipeline(tick.pipeline()), now);
            if (store.transition(Tick.TickState.RUNNING, next, settings.holder(), now)) {
                LOG.info(
                        "{}: tick of {} {}",
                        tick.pipeline(),
                        tick.scheduledAt(),
                        next.note().orElse(""));
            }
        }
    }

    private void dispatch(List<Tick> open, Instant now) {
        int limit = project.scheduler().maxConcurrent();
        Set<String> busy = new HashSet<>();
        inFlight.values().forEach(t -> busy.add(t.pipeline()));
        Set<String> waitingEarlier = new HashSet<>();
        for (Tick tick : open) {
            if (tick.state() != Tick.TickState.PENDING) {
                continue;
            }
            Optional<PipelineSpec> pipeline = project.pipeline(tick.pipeline());
            if (pipeline.isEmpty()) {
                store.transition(
                        Tick.TickState.PENDING,
                        tick.ended(Tick.TickState.SKIPPED, Optional.of("the pipeline is no longer in the project")),
                        settings.holder(),
                        now);
                continue;
            }
            if (tick.notBefore().isAfter(now) || waitsForUpstream(tick, open)) {
                waitingEarlier.add(tick.pipeline());
                continue;
            }
            if (busy.contains(tick.pipeline())) {
                Tick refused = outcomes.busy(
                        tick,
                        pipeline.get().pipeline().schedule().onBusy(),
                        now,
                        "the tick of " + runningTickOf(tick.pipeline()) + " is still running");
                if (refused.state() != Tick.TickState.PENDING) {
                    end(tick, refused, pipeline.get(), now);
                }
                continue;
            }
            if (waitingEarlier.contains(tick.pipeline()) || inFlight.size() >= limit) {
                waitingEarlier.add(tick.pipeline());
                continue;
            }
            Optional<String> succeeded = outcomes.succeededRun(tick, pipeline.get());
            if (succeeded.isPresent()) {
                end(
                        tick,
                        tick.ended(Tick.TickState.SUCCEEDED, Optional.of("run " + succeeded.get() + " succeeded")),
                        pipeline.get(),
                        now);
                continue;
            }
            Tick started = tick.started(RunIds.next(clock));
            if (!store.transition(Tick.TickState.PENDING, started, settings.holder(), now)) {
                continue;
            }
            busy.add(tick.pipeline());
            metrics.started(Duration.between(tick.attempts() == 0 ? tick.scheduledAt() : tick.notBefore(), now));
            inFlight.put(tick.tickId(), started);
            mostAtOnce.accumulateAndGet(inFlight.size(), Math::max);
            futures.put(tick.tickId(), workers.submit(() -> execute(started, pipeline.get())));
        }
    }

    private String runningTickOf(String pipeline) {
        return inFlight.values().stream()
                .filter(t -> t.pipeline().equals(pipeline))
                .map(t -> t.scheduledAt().toString())
                .findFirst()
                .orElse("an earlier time");
    }

    /** Whether a pipeline upstream of the tick's has an open tick of the same time or earlier. */
    private boolean waitsForUpstream(Tick tick, List<Tick> open) {
        Set<String> upstream = graph.allUpstreamOf(tick.pipeline());
        return !upstream.isEmpty()
                && open.stream()
                        .anyMatch(t -> upstream.contains(t.pipeline())
                                && !t.scheduledAt().isAfter(tick.scheduledAt()));
    }

    private void execute(Tick started, PipelineSpec pipeline) {
        try {
            String runId = started.lastRunId().orElseThrow();
            PipelineResult result = runtime.runAttempt(pipeline.name(), runId);
            Tick next = outcomes.after(started, pipeline, result, clock.instant());
            end(started, next, pipeline, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("{}: the tick of {} failed unexpectedly", pipeline.name(), started.scheduledAt(), e);
            end(
                    started,
                    started.ended(Tick.TickState.FAILED, Optional.of(String.valueOf(e.getMessage()))),
                    pipeline,
                    clock.instant());
        } finally {
            inFlight.remove(started.tickId());
            futures.remove(started.tickId());
        }
    }

    private void end(Tick from, Tick next, PipelineSpec pipeline, Instant now) {
        if (!store.transition(from.state(), next, settings.holder(), now)) {
            LOG.warn(
                    "{}: the lease was lost; the tick of {} is closed by the scheduler that holds it",
                    pipeline.name(),
                    from.scheduledAt());
            return;
        }
        next.note().ifPresent(note -> LOG.info("{}: tick of {}: {}", pipeline.name(), from.scheduledAt(), note));
        if (next.state() == Tick.TickState.FAILED && from.state() == Tick.TickState.PENDING) {
            alerts.refused(pipeline, next, now);
        }
    }
}
