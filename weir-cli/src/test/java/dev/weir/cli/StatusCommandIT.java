package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir status} on a real project: one healthy pipeline, one whose run failed, one never run. */
class StatusCommandIT {
    @TempDir
    Path root;

    private static String pipeline(String name, String file, String table) {
        return """
                pipeline:
                  name: %s
                  sla_minutes: 30
                extract:
                  source_system: files
                  connection: %s
                  format: csv
                  strategy: full
                load:
                  target: %s
                  strategy: append
                """.formatted(name, file, table);
    }

    @Test
    void aFailedRunIsABreachMarkedInTheTableAndTheJsonAndFailsOnlyUnderFailOnBreach() throws IOException {
        CliProject project = new CliProject(root)
                .write("weir.yaml", "name: status\n")
                .write("data/orders.csv", "order_id,amount\n1,10\n1,12\n")
                .write("data/customers.csv", "customer_id,name\n1,Ada\n2,Bo\n")
                .write("pipelines/orders.yaml", pipeline("orders", "data/orders.csv", "bronze.orders"))
                .write("pipelines/customers.yaml", pipeline("customers", "data/customers.csv", "bronze.customers"))
                .write("pipelines/later.yaml", pipeline("later", "data/later.csv", "bronze.later"))
                .write("contracts/orders.yaml", """
                        contract:
                          name: orders
                          version: "1.0.0"
                          owner: data-eng
                          table: bronze.orders
                          schema:
                            - column: order_id
                              type: VARCHAR
                              checks:
                                - {type: unique, severity: P0}
                        """);
        assertThat(project.execute("run", "orders")).as(project.err()).isEqualTo(1);
        assertThat(project.execute("run", "customers")).as(project.err()).isZero();

        CliProject.Result status = project.weir("status");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out())
                .containsPattern("orders .*!1")
                .containsPattern("customers .*100\\.0%")
                .contains("later")
                .contains("targets (alert): success_rate >99% (<95%)");
        assertThat(project.weir("status", "--fail-on-breach").exitCode()).isEqualTo(1);
        assertThat(project.weir("status", "--pipeline", "customers", "--fail-on-breach")
                        .exitCode())
                .isZero();

        JsonNode json =
                new ObjectMapper().readTree(project.weir("status", "--json").out());
        assertThat(json).hasSize(3);
        JsonNode orders = null;
        for (JsonNode p : json) {
            orders = p.path("pipeline").asText().equals("orders") ? p : orders;
        }
        assertThat(orders.path("breached").asBoolean()).isTrue();
        assertThat(orders.path("metrics").path("failed_runs_24h").path("status").asText())
                .isEqualTo("breach");
        assertThat(orders.path("metrics").path("success_rate").path("target").asText())
                .isEqualTo(">99%");

        CliProject.Result unknown = project.weir("status", "--pipeline", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("No pipeline named 'nope'").doesNotContain("\tat ");
    }
}
