package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row a contract check rejects after a transform stage is quarantined with the file and physical
 * line of its source record and that record's exact text, quoted line breaks included.
 */
class RejectOriginsIT {
    private static final String ORDERS = "order_id,customer,amount\n"
            + "1,\"Ann\nSmith\",10.00\n"
            + "2, Bob ,-5.00\n"
            + "3,\"Cy\",20.00\n"
            + "4,\"Di, \"\"the\"\"\nsecond\",-1.50\n"
            + "5,Ed,7.00\n";

    @TempDir
    Path root;

    @Test
    void aContractCheckAfterAStageQuarantinesTheSourceRecordsLineAndTextOnce() throws Exception {
        CliProject project = new CliProject(root)
                .write("weir.yaml", "name: origins\n")
                .write("data/x.csv", ORDERS)
                .write("contracts/orders.yaml", """
                        contract:
                          name: orders
                          version: "1.0.0"
                          owner: data-eng
                          table: silver.orders
                          schema:
                            - column: order_id
                              type: BIGINT
                            - column: customer_name
                              type: VARCHAR
                            - column: total
                              type: DECIMAL(10,2)
                              checks:
                                - {type: range, params: {min: 0}}
                        """)
                .write("pipelines/orders.yaml", """
                        pipeline:
                          name: orders
                        extract:
                          source_system: files
                          connection: data/*.csv
                          format: csv
                          strategy: incremental
                          new_files: true
                          columns:
                            order_id: BIGINT
                            customer: VARCHAR
                            amount: "DECIMAL(10,2)"
                        transform:
                          stages:
                            - name: clean
                              sql: SELECT order_id, trim(replace(customer, chr(10), ' ')) AS customer_name, amount AS total FROM source
                        load:
                          target: silver.orders
                          strategy: upsert
                          merge_keys: [order_id]
                        error_handling:
                          strategy: dead-letter
                        """);

        assertThat(project.execute("run")).as(project.err()).isZero();
        JsonNode run = new ObjectMapper().readTree(project.runLog().get(0));
        assertThat(run.path("rows_extracted").asLong()).isEqualTo(5);
        assertThat(run.path("rows_loaded").asLong()).isEqualTo(3);
        assertThat(run.path("rows_rejected").asLong()).isEqualTo(2);
        assertThat(quarantine(project))
                .containsExactly(
                        "\"range(total)\",data/x.csv:4,\"2, Bob ,-5.00\"",
                        "\"range(total)\",data/x.csv:6,\"4,\"\"Di, \"\"\"\"the\"\"\"\"\nsecond\"\",-1.50\"");

        project.write("data/y.csv", "order_id,customer,amount\n6,Fay,-2.00\n");
        assertThat(project.execute("run")).as(project.err()).isZero();
        assertThat(quarantine(project))
                .as("the second run quarantines only its own file's reject")
                .containsExactly(
                        "\"range(total)\",data/x.csv:4,\"2, Bob ,-5.00\"",
                        "\"range(total)\",data/x.csv:6,\"4,\"\"Di, \"\"\"\"the\"\"\"\"\nsecond\"\",-1.50\"",
                        "\"range(total)\",data/y.csv:2,\"6,Fay,-2.00\"");
    }

    @Test
    void aRecordWithoutAValidKeyInFilesReadAgainOnEveryRunIsQuarantinedOnceWithItsLineAndText() {
        CliProject project = new CliProject(root)
                .write("weir.yaml", "name: keys\n")
                .write(
                        "data/e1.csv",
                        "id,updated_at\n1,2024-01-01 10:00:00\n2,\"not\na time\"\n3,2024-01-02 10:00:00\n")
                .write("pipelines/events.yaml", """
                        pipeline:
                          name: events
                        extract:
                          source_system: files
                          connection: data/*.csv
                          format: csv
                          strategy: incremental
                          incremental_key: updated_at
                          columns:
                            id: BIGINT
                            updated_at: VARCHAR
                          key_type: timestamp
                        load:
                          target: bronze.events
                          strategy: append
                        error_handling:
                          strategy: dead-letter
                        """);

        assertThat(project.execute("run")).as(project.err()).isZero();
        project.write("data/e2.csv", "id,updated_at\n4,2024-01-03 10:00:00\n");
        assertThat(project.execute("run")).as(project.err()).isZero();

        assertThat(project.execute(
                        "query",
                        "--format",
                        "csv",
                        "SELECT check_name, origin, raw_record FROM bronze.events__rejected ORDER BY origin"))
                .as(project.err())
                .isZero();
        assertThat(project.out())
                .isEqualTo(
                        "check_name,origin,raw_record\n" + "incremental_key,data/e1.csv:3,\"2,\"\"not\na time\"\"\"\n");
    }

    private static List<String> quarantine(CliProject project) {
        assertThat(project.execute(
                        "query",
                        "--format",
                        "csv",
                        "SELECT check_name, origin, raw_record FROM silver.orders__rejected ORDER BY origin"))
                .as(project.err())
                .isZero();
        String out = project.out();
        return List.of(out.substring(out.indexOf('\n') + 1).stripTrailing().split("\n(?=\")"));
    }
}
