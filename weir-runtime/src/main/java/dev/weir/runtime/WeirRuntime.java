package dev.weir.runtime;

import dev.weir.core.alert.AlertDigests;
import dev.weir.core.backfill.BackfillPlan;
import dev.weir.core.backfill.BackfillProgress;
import dev.weir.core.backfill.BackfillRequest;
import dev.weir.core.backfill.BackfillRunner;
import dev.weir.core.error.SpecProblem;
import dev.weir.core.plan.DependencyGraph;
import dev.weir.core.plan.ExecutionPlanner;
import dev.weir.core.run.FailPoints;
import dev.weir.core.run.PipelineRunner;
import dev.weir.core.run.ProjectRunner;
import dev.weir.core.run.RunListeners;
import dev.weir.core.run.RunLog;
import dev.weir.core.run.RunServices;
import dev.weir.core.run.TableAttacher;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.load.JsonSchemas;
import dev.weir.core.spec.load.ProjectLoader;
import dev.weir.core.spi.Engine;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunListener;
import dev.weir.core.spi.TableCatalog;
import dev.weir.lakehouse.IcebergCatalog;
import dev.weir.metastore.SqlMetastore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An opened project: its specs, wired to its metastore, table store, engines, sources, alert
 * channels and run listeners. The CLI opens one per command; a scheduler or server keeps one open
 * in its process. Fail points are armed only when the caller passes them, never from the environment.
 */
public final class WeirRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeirRuntime.class);
    private final ProjectSpec project;
    private final Plugins plugins;
    private final Metastore metastore;
    private final TableCatalog tables;
    private final RunServices services;

    private WeirRuntime(
            ProjectSpec project, Plugins plugins, Metastore metastore, TableCatalog tables, RunServices services) {
        this.project = project;
        this.plugins = plugins;
        this.metastore = metastore;
        this.tables = tables;
        this.services = services;
    }

    /** How to open a project. */
    public static Options options(Path projectRoot) {
        return new Options(projectRoot);
    }

    /** Loads and validates a project's specs without opening its stores. */
    public static ProjectSpec loadProject(Path projectRoot, Function<String, Optional<String>> environment) {
        return new ProjectLoader(environment, Plugins.discover(environment).spec()).load(projectRoot);
    }

    /**
     * What each pipeline's source would refuse at a first run's start, found by connecting to it
     * (see {@link dev.weir.core.spi.SourceProbe}); opens no store of the project.
     */
    public static List<SpecProblem> probeSources(ProjectSpec project, Function<String, Optional<String>> environment) {
        return new SourceProbes(Plugins.discover(environment), environment).probe(project);
    }

    /** {@code weir doctor}: what the project's sources hold at their origins, such as replication slots, and for whom. */
    public static List<HealthFinding> checkSourceOrigins(
            ProjectSpec project, Function<String, Optional<String>> environment) {
        return new SourceProbes(Plugins.discover(environment), environment).checkOrigins(project);
    }

    /**
     * Drops what {@code pipeline}'s source made at its origin for it (the replication slot and
     * publication of a CDC source); opens no store of the project.
     *
     * @return one line per thing dropped; empty when there was nothing
     */
    public static List<String> dropSourceOrigin(
            ProjectSpec project, PipelineSpec pipeline, Function<String, Optional<String>> environment) {
        return new SourceProbes(Plugins.discover(environment), environment).dropOrigin(project, pipeline);
    }

    /** The JSON Schemas of spec files with the plugins on the class path. */
    public static JsonSchemas jsonSchemas(Function<String, Optional<String>> environment) {
        return new JsonSchemas(Plugins.discover(environment).spec());
    }

    public ProjectSpec project() {
        return project;
    }

    public Metastore metastore() {
        return metastore;
    }

    public TableCatalog tables() {
        return tables;
    }

    /** The project's engine ({@code engine:} in {@code weir.yaml}). */
    public Engine engine() {
        return plugins.engine(project.engine());
    }

    /** What runs, tests, compactions and rollbacks of this project share. */
    public RunServices runServices() {
        return services;
    }

    /** Runs {@code pipelines} (all when empty) in dependency order; the listeners see each run. */
    public List<PipelineResult> run(List<String> pipelines) {
        ExecutionPlanner planner = new ExecutionPlanner();
        List<PipelineSpec> ordered = planner.order(project, pipelines);
        PipelineRunner runner = new PipelineRunner(services, new TableAttacher(tables), project.contracts());
        List<PipelineResult> results = new ProjectRunner(runner, services, DependencyGraph.of(project)).run(ordered);
        sendDueDigests();
        return results;
    }

    /** The daily digest of P2 alerts, which a long-running process sends when due by calling it every minute. */
    public AlertDigests alertDigests() {
        return new AlertDigests(metastore.alertLedger(), plugins.alertChannels(), project.alerts());
    }

    // A digest that cannot be sent now is still queued for the next process: no reason to fail the runs
    private void sendDueDigests() {
        try {
            alertDigests().sendDue(services.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("Cannot send the alert digest now: {}", e.getMessage());
        }
    }

    /**
     * Runs pipeline {@code pipeline} alone, once, as run {@code runId} (its upstream is not run
     * first, and a transient failure is not retried); the listeners see the run.
     */
    public PipelineResult runAttempt(String pipeline, String runId) {
        PipelineSpec spec = project.pipeline(pipeline)
                .orElseThrow(() -> new IllegalArgumentException("No pipeline '" + pipeline + "' in the project"));
        return new PipelineRunner(services, new TableAttacher(tables), project.contracts()).runAttempt(spec, runId);
    }

    /**
     * The scope and impact of a backfill of {@code request}, its days in the scheduler's time zone.
     *
     * @throws dev.weir.core.error.WeirException {@code USAGE} when the pipeline cannot be backfilled, saying why
     */
    public BackfillPlan planBackfill(BackfillRequest request) {
        return BackfillPlan.of(project, request, plugins::readsWindows);
    }

    /** Runs the backfill of {@code plan}, or resumes its unfinished one; {@code progress} sees its chunks. */
    public BackfillRunner backfills(BackfillProgress progress) {
        PipelineRunner runner = new PipelineRunner(services, new TableAttacher(tables), project.contracts());
        return new BackfillRunner(runner, metastore.backfills(), tables, services.clock(), progress);
    }

    @Override
    public void close() {
        try {
            tables.close();
        } finally {
            metastore.close();
        }
    }

    /** The settings a runtime opens with; every one has a default. */
    public static final class Options {
        private final Path projectRoot;
        private Function<String, Optional<String>> environment = name -> Optional.empty();
        private FailPoints failPoints = FailPoints.none();
        private Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        private final List<RunListener> listeners = new ArrayList<>();

        private Options(Path projectRoot) {
            this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot is null");
        }

        /** Looks up {@code ${env:NAME}} in specs, secrets for sources and engine settings. Default: nothing is set. */
        public Options environment(Function<String, Optional<String>> environment) {
            this.environment = Objects.requireNonNull(environment, "environment is null");
            return this;
        }

        /** Crash, pause and conflict injection for tests. Default: none armed. */
        public Options failPoints(FailPoints failPoints) {
            this.failPoints = Objects.requireNonNull(failPoints, "failPoints is null");
            return this;
        }

        public Options clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock is null");
            return this;
        }

        /** Adds a listener that sees every run's events. */
        public Options listener(RunListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener is null"));
            return this;
        }

        /**
         * Loads the project and opens its stores.
         *
         * @throws dev.weir.core.error.SpecException when a spec is invalid
         */
        public WeirRuntime open() {
            Plugins plugins = Plugins.discover(environment);
            ProjectSpec project = new ProjectLoader(environment, plugins.spec()).load(projectRoot);
            Metastore metastore = SqlMetastore.open(project.metastoreUrl(), project.metastoreLogin());
            try {
                TableCatalog tables =
                        IcebergCatalog.open(project.warehouse(), project.metastoreUrl(), project.metastoreLogin());
                RunServices services = new RunServices(
                        metastore,
                        tables,
                        plugins::engine,
                        project.engine(),
                        plugins::source,
                        plugins.alertChannels(),
                        project.alerts(),
                        RunListeners.guarded(listeners),
                        new RunLog(project.logsDir().resolve("runs.jsonl")),
                        project.root(),
                        project.stateDir(),
                        environment,
                        clock,
                        failPoints);
                return new WeirRuntime(project, plugins, metastore, tables, services);
            } catch (RuntimeException e) {
                metastore.close();
                throw e;
            }
        }
    }
}
