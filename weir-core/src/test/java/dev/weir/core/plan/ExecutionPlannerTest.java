package dev.weir.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.PipelineInfo;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.QualityGatesSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.SqlOrigin;
import dev.weir.core.spec.StageSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spec.TransformSpec;
import dev.weir.core.spi.SourceOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExecutionPlannerTest {
    private static final Path ROOT = Path.of("/project");

    private final ExecutionPlanner planner = new ExecutionPlanner();

    /** A pipeline loading {@code target} from files, after {@code dependsOn}, with stage SQL. */
    private static PipelineSpec files(String name, String target, List<String> dependsOn, String... sql) {
        return pipeline(
                name,
                new ExtractSpec(
                        "files",
                        "data/" + name + ".csv",
                        ExtractStrategy.FULL,
                        Optional.empty(),
                        Optional.empty(),
                        SourceOptions.NONE,
                        Optional.empty()),
                target,
                dependsOn,
                sql);
    }

    /** A pipeline loading {@code target} from the Weir table {@code source}. */
    private static PipelineSpec reading(String name, String source, String target) {
        SourceOptions readsTable = new SourceOptions() {
            @Override
            public Set<TableId> tablesRead() {
                return Set.of(TableId.parse(source));
            }
        };
        return pipeline(
                name,
                new ExtractSpec(
                        "weir",
                        source,
                        ExtractStrategy.FULL,
                        Optional.empty(),
                        Optional.empty(),
                        readsTable,
                        Optional.empty()),
                target,
                List.of());
    }

    private static PipelineSpec pipeline(
            String name, ExtractSpec extract, String target, List<String> dependsOn, String... sql) {
        List<StageSpec> stages = IntStream.range(0, sql.length)
                .mapToObj(i -> new StageSpec("stage" + i, sql[i], SqlOrigin.ofFile("sql/stage" + i + ".sql", sql[i])))
                .toList();
        return new PipelineSpec(
                ROOT.resolve("pipelines/" + name + ".yaml"),
                new PipelineInfo(name, "", "", "", 0, 3, dependsOn),
                extract,
                new TransformSpec("duckdb", stages),
                new LoadSpec(
                        TableId.parse(target),
                        LoadStrategy.APPEND,
                        List.of(),
                        MergeMode.MERGE_ON_READ,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.empty()),
                QualityGatesSpec.NONE,
                ErrorHandlingSpec.DEFAULTS);
    }

    private static ProjectSpec project(PipelineSpec... pipelines) {
        return new ProjectSpec(
                ROOT,
                "shop",
                "duckdb",
                ROOT.resolve(".weir"),
                ROOT.resolve(".weir/warehouse"),
                "jdbc:sqlite:/project/.weir/weir.db",
                List.of(pipelines));
    }

    /** {@code pipeline} with {@code check} as its only pre-load check. */
    private static PipelineSpec checking(PipelineSpec pipeline, CheckSpec check) {
        return new PipelineSpec(
                pipeline.file(),
                pipeline.pipeline(),
                pipeline.extract(),
                pipeline.transform(),
                pipeline.load(),
                new QualityGatesSpec(List.of(check), List.of()),
                pipeline.errorHandling());
    }

    @Test
    void aTableACheckReadsIsADependency() {
        CheckSpec knownCustomers = new CheckSpec(
                "known_customers",
                new CheckRule.Referential("customer_id", TableId.parse("silver.customers"), "customer_id"),
                Severity.P2,
                false,
                "pipelines/a_orders.yaml:9");
        ProjectSpec project = project(
                checking(files("a_orders", "silver.orders", List.of()), knownCustomers),
                files("b_customers", "silver.customers", List.of()));

        assertThat(names(planner.order(project, List.of()))).containsExactly("b_customers", "a_orders");
        assertThat(DependencyGraph.of(project).inputsOf("a_orders"))
                .containsExactly(Map.entry(TableId.parse("silver.customers"), "b_customers"));
    }

    @Test
    void graphOperatorsAddEverythingUpstreamOrDownstream() {
        ProjectSpec project = project(
                files("raw", "bronze.raw", List.of()),
                reading("clean", "bronze.raw", "silver.clean"),
                reading("report", "silver.clean", "gold.report"),
                files("other", "bronze.other", List.of()));

        assertThat(names(planner.order(project, List.of("+clean")))).containsExactly("raw", "clean");
        assertThat(names(planner.order(project, List.of("clean+")))).containsExactly("clean", "report");
        assertThat(names(planner.order(project, List.of("+clean+")))).containsExactly("raw", "clean", "report");
        assertThat(names(planner.order(project, List.of("clean")))).containsExactly("clean");
    }

    private static List<String> names(List<PipelineSpec> pipelines) {
        return pipelines.stream().map(PipelineSpec::name).toList();
    }

    @Test
    void upstreamPipelinesRunFirstWhateverTheirNames() {
        ProjectSpec project = project(
                reading("a_gold", "silver.orders", "gold.sales"),
                reading("b_silver", "bronze.orders", "silver.orders"),
                files("c_bronze", "bronze.orders", List.of()));

        assertThat(names(planner.order(project, List.of()))).containsExactly("c_bronze", "b_silver", "a_gold");
    }

    @Test
    void independentPipelinesAreOrderedByName() {
        ProjectSpec project = project(
                files("zeta", "raw.zeta", List.of()),
                files("alpha", "raw.alpha", List.of()),
                files("mid", "raw.mid", List.of("zeta")),
                files("beta", "raw.beta", List.of()));

        assertThat(names(planner.order(project, List.of()))).containsExactly("alpha", "beta", "zeta", "mid");
    }

    @Test
    void tablesNamedInStageSqlMakeTheirWritersUpstream() {
        ProjectSpec project = project(
                files(
                        "orders",
                        "silver.orders",
                        List.of(),
                        "select * from source s join silver.customers c on s.customer_id = c.id"),
                files("customers", "silver.customers", List.of()));

        assertThat(names(planner.order(project, List.of()))).containsExactly("customers", "orders");
        assertThat(DependencyGraph.of(project).upstreamOf("orders")).containsExactly("customers");
        assertThat(DependencyGraph.of(project).upstreamOf("customers")).isEmpty();
    }

    @Test
    void upstreamOfCombinesDependsOnAndTablesReadButNeverItself() {
        ProjectSpec project = project(
                files("raw", "bronze.raw", List.of()),
                files("audit", "bronze.audit", List.of()),
                files(
                        "report",
                        "gold.report",
                        List.of("audit"),
                        "select * from bronze.raw union all select * from gold.report"));

        assertThat(DependencyGraph.of(project).upstreamOf("report")).containsExactly("audit", "raw");
    }

    @Test
    void selectionKeepsDependencyOrderThroughUnselectedPipelines() {
        ProjectSpec project = project(
                reading("a_gold", "silver.orders", "gold.sales"),
                reading("b_silver", "bronze.orders", "silver.orders"),
                files("c_bronze", "bronze.orders", List.of()),
                files("d_other", "raw.other", List.of()));

        assertThat(names(planner.order(project, List.of("a_gold", "c_bronze")))).containsExactly("c_bronze", "a_gold");
        assertThat(names(planner.order(project, List.of("d_other", "a_gold")))).containsExactly("a_gold", "d_other");
    }

    @Test
    void unknownSelectedPipelineSuggestsTheClosestName() {
        ProjectSpec project = project(files("silver_orders", "silver.orders", List.of()));

        assertThatThrownBy(() -> planner.order(project, List.of("silver_order")))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PIPELINE);
                    assertThat(e.render())
                            .isEqualTo("Unknown pipeline 'silver_order'" + System.lineSeparator()
                                    + "hint: did you mean 'silver_orders'?");
                });
    }

    @Test
    void cycleIsRefusedNamingThePipelinesOnIt() {
        ProjectSpec project = project(
                files("a", "raw.a", List.of("c")),
                reading("b", "raw.a", "raw.b"),
                files("c", "raw.c", List.of(), "select * from raw.b"),
                files("d", "raw.d", List.of()));

        assertThatThrownBy(() -> planner.order(project, List.of())).isInstanceOfSatisfying(WeirException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID);
            assertThat(e.getMessage()).isEqualTo("Cannot order pipelines: dependency cycle a -> c -> b -> a");
            assertThat(e.hint()).contains("remove one of these dependencies (-> means depends on)");
        });
        assertThat(names(planner.order(project, List.of("d")))).containsExactly("d");
    }

    @Test
    void dependencyGraphFindsAShortestCycleThroughAPipeline() {
        DependencyGraph graph = new DependencyGraph(Map.of(
                "a", List.of("b", "x"), "b", List.of("a", "c"), "c", List.of("a"), "x", List.of("unknown", "x")));

        assertThat(graph.cycleThrough("a")).contains(List.of("a", "b", "a"));
        assertThat(graph.cycleThrough("c")).contains(List.of("c", "a", "b", "c"));
        assertThat(graph.cycleThrough("x")).isEmpty();
        assertThat(graph.upstreamOf("x")).isEmpty();
        assertThat(graph.allUpstreamOf("c")).containsExactly("a", "b", "c", "x");
    }
}
