package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.PipelineSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${env:NAME}} and {@code ${file:path}} in spec values. */
class PlaceholdersTest {
    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    private TestProject withOrders(String pipelineLine) {
        return project.pipeline("orders", pipelineLine + """
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                """);
    }

    @Test
    void environmentValuesAreSubstitutedInsideTextAndTypedAfterwards() {
        withOrders("pipeline: {name: orders, owner: \"team-${env:TEAM}\", sla_minutes: \"${env:SLA}\"}\n")
                .env("TEAM", "sales")
                .env("SLA", "45");

        PipelineSpec orders = project.load().pipelines().get(0);

        assertThat(orders.pipeline().owner()).isEqualTo("team-sales");
        assertThat(orders.pipeline().slaMinutes()).isEqualTo(45);
    }

    @Test
    void substitutedDecimalIsANumber() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                quality_gates:
                  post_load: [{type: freshness, column: updated_at, params: {max_age_hours: "${env:MAX_AGE}"}}]
                """).env("MAX_AGE", "1.5");

        PipelineSpec orders = project.load().pipelines().get(0);

        assertThat(orders.qualityGates().postLoad().get(0).rule())
                .isEqualTo(new CheckRule.Freshness("updated_at", 1.5));
    }

    @Test
    void substitutedValueStillHasToPassTypeChecks() {
        withOrders("pipeline: {name: orders, tier: \"${env:TIER}\"}\n").env("TIER", "gold");

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:1:32: pipeline.tier: Expected an integer, found a string"
                        + " — write it like 'tier: 1'");
    }

    @Test
    void unsetEnvironmentVariableIsReportedWithAFix() {
        withOrders("pipeline: {name: orders, owner: \"${env:OWNER}\"}\n");

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:1:33: pipeline.owner: Environment variable OWNER is not set"
                        + " — export OWNER before running weir, or keep the value in a file and use ${file:path}");
    }

    @Test
    void missingSecretFileIsReported() {
        withOrders("pipeline: {name: orders, owner: \"${file:secrets/owner}\"}\n");

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:33: pipeline.owner: Cannot read ${file:secrets/owner}: file not found"
                                + " — paths in ${file:...} are relative to the project root");
    }

    @Test
    void unknownPlaceholderKindIsReported() {
        withOrders("pipeline: {name: orders, owner: \"${vault:owner}\"}\n");

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:1:33: pipeline.owner: Unknown placeholder '${vault:owner}'"
                        + " — use ${env:NAME} or ${file:path}");
    }

    @Test
    void everyUnsetVariableIsReportedOnceWithoutFollowUpProblems() {
        project.weirYaml("name: shop\nmetastore: \"${env:METASTORE_URL}\"\nengine: ${env:ENGINE}\n");
        project.pipeline("orders", """
                pipeline: {name: orders, owner: "${env:OWNER}"}
                extract: {source_system: files, connection: "${env:DIR}/orders.csv", format: "${env:FORMAT}",
                          strategy: full}
                transform:
                  stages:
                    - {name: clean, sql_file: "${env:SQL_FILE}"}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:33: pipeline.owner: Environment variable OWNER is not set"
                                + " — export OWNER before running weir, or keep the value in a file and use ${file:path}",
                        "pipelines/orders.yaml:2:45: extract.connection: Environment variable DIR is not set"
                                + " — export DIR before running weir, or keep the value in a file and use ${file:path}",
                        "pipelines/orders.yaml:2:78: extract.format: Environment variable FORMAT is not set"
                                + " — export FORMAT before running weir, or keep the value in a file and use ${file:path}",
                        "pipelines/orders.yaml:6:31: transform.stages[0].sql_file: Environment variable SQL_FILE is not set"
                                + " — export SQL_FILE before running weir, or keep the value in a file and use ${file:path}",
                        "weir.yaml:2:12: metastore: Environment variable METASTORE_URL is not set"
                                + " — export METASTORE_URL before running weir, or keep the value in a file and use"
                                + " ${file:path}",
                        "weir.yaml:3:9: engine: Environment variable ENGINE is not set"
                                + " — export ENGINE before running weir, or keep the value in a file and use ${file:path}");
    }
}
