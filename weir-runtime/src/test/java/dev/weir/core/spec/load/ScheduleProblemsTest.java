package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.PipelineSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with {@code pipeline.schedule} and the keys that go with it. */
class ScheduleProblemsTest {
    private static final String FILES_EXTRACT =
            "extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}\n";
    private static final String NEW_FILES_EXTRACT = "extract: {source_system: files, connection: data/orders.csv,"
            + " format: csv, strategy: incremental, new_files: true}\n";
    private static final String APPEND_LOAD = "load: {target: bronze.orders, strategy: append}\n";

    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    @Test
    void aScheduleMustBeAValidCronExpressionWrittenAsText() {
        project.pipeline("orders", "pipeline: {name: orders, schedule: \"0 25 * * *\"}\n" + FILES_EXTRACT + APPEND_LOAD)
                .pipeline(
                        "customers",
                        "pipeline: {name: customers, schedule: 42}\n" + FILES_EXTRACT.replace("orders", "customers")
                                + APPEND_LOAD.replace("orders", "customers"));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/customers.yaml:1:39: pipeline.schedule: Expected text, found an integer"
                                + " — quote it, like 'schedule: \"0 * * * *\"'",
                        "pipelines/orders.yaml:1:36: pipeline.schedule: Invalid cron expression '0 25 * * *': Failed to parse cron"
                                + " expression. Value 25 not in range [0, 23] — use five fields, minute hour day-of-month month"
                                + " day-of-week, such as \"0 6 * * *\" (06:00 every day), six with seconds first"
                                + " (\"*/30 * * * * *\"), upstream, or follow");
    }

    @Test
    void aFollowedPipelineStartsABatchEveryIntervalTenSecondsUnlessGiven() {
        project.pipeline(
                        "orders",
                        "pipeline: {name: orders, schedule: follow, follow_interval_seconds: 3}\n" + NEW_FILES_EXTRACT
                                + APPEND_LOAD)
                .pipeline(
                        "customers",
                        "pipeline: {name: customers, schedule: follow}\n"
                                + NEW_FILES_EXTRACT.replace("orders", "customers")
                                + APPEND_LOAD.replace("orders", "customers"));

        PipelineSpec orders = project.load().pipeline("orders").orElseThrow();
        assertThat(orders.pipeline().schedule().isFollowed()).isTrue();
        assertThat(orders.pipeline().schedule().isScheduled()).isFalse();
        assertThat(orders.pipeline().schedule().followInterval()).contains(Duration.ofSeconds(3));
        assertThat(project.load()
                        .pipeline("customers")
                        .orElseThrow()
                        .pipeline()
                        .schedule()
                        .followInterval())
                .contains(Duration.ofSeconds(10));
    }

    @Test
    void aFollowedPipelineMustReadOnFromItsPositionAndHasNoTicksToCatchUpOrQueue() {
        project.pipeline(
                        "orders",
                        "pipeline: {name: orders, schedule: follow, catch_up: all, on_busy: skip}\n" + FILES_EXTRACT
                                + APPEND_LOAD)
                .pipeline(
                        "customers",
                        "pipeline: {name: customers, schedule: \"0 * * * *\", follow_interval_seconds: 5}\n"
                                + NEW_FILES_EXTRACT.replace("orders", "customers")
                                + APPEND_LOAD.replace("orders", "customers"));

        assertThat(project.problems())
                .containsExactlyInAnyOrder(
                        "pipelines/customers.yaml:1:77: pipeline.follow_interval_seconds: follow_interval_seconds"
                                + " applies only to a followed pipeline — set schedule: follow, or remove"
                                + " follow_interval_seconds",
                        "pipelines/orders.yaml:1:54: pipeline.catch_up: catch_up does not apply to schedule: follow: a"
                                + " followed pipeline has no ticks to miss or queue, its next batch starts where the"
                                + " table ends — remove catch_up",
                        "pipelines/orders.yaml:1:68: pipeline.on_busy: on_busy does not apply to schedule: follow: a"
                                + " followed pipeline has no ticks to miss or queue, its next batch starts where the"
                                + " table ends — remove on_busy",
                        "pipelines/orders.yaml:1:36: pipeline.schedule: schedule: follow needs a source that reads on"
                                + " from where the table ends, but extract.strategy is full: every batch would read"
                                + " everything again — follow a cdc, log-based or incremental extract, or give this"
                                + " pipeline a cron schedule");
    }
}
