package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir why} puts a real failed run on the triage tree and refuses an unknown run id as a usage error. */
class WhyCommandIT {
    @TempDir
    Path root;

    @Test
    void aRunStoppedByAFailedUniqueCheckIsADataQualityFailureWithItsChecksAndNextSteps() throws IOException {
        CliProject project = new CliProject(root)
                .write("weir.yaml", "name: why\n")
                .write("data/orders.csv", "order_id,amount\n1,10\n1,12\n2,5\n")
                .write("pipelines/orders.yaml", """
                        pipeline:
                          name: orders
                        extract:
                          source_system: files
                          connection: data/orders.csv
                          format: csv
                          strategy: full
                        load:
                          target: bronze.orders
                          strategy: append
                        """)
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
        assertThat(project.execute("run")).as(project.out() + project.err()).isEqualTo(1);
        String runId = new ObjectMapper()
                .readTree(project.runLog().get(0))
                .path("run_id")
                .asText();

        CliProject.Result why = project.weir("why", runId);

        assertThat(why.exitCode()).as(why.toString()).isZero();
        assertThat(why.out())
                .contains("status:   failed")
                .contains("class:    data quality")
                .contains("unique(order_id)")
                .contains("weir checks --run " + runId);

        CliProject.Result unknown = project.weir("why", runId.substring(0, 8));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("No run with id")
                .contains("did you mean " + runId)
                .doesNotContain("\tat ");
    }
}
