package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract's column types are the types the columns are loaded as: the last stage's result is
 * cast to them, and a value that does not fit is a reject with a reason, or under fail-fast an error
 * at the contract's line.
 */
class ContractTypesIT {
    private static final String ORDERS = """
            order_id,day,amount,note
            1,2024-03-01,10.00,7
            2,2024-03-01,20.50,8
            3,2024-03-02,99999999.99,9
            4,2024-03-02,99999999.99,10
            5,2024-03-03,5.00,11
            """;

    private static final String CONTRACT = """
            contract:
              name: daily
              version: "1.0.0"
              owner: data-eng
              table: gold.daily
              schema:
                - column: day
                  type: DATE
                - column: revenue
                  type: DECIMAL(10,2)
                - column: notes
                  type: INTEGER
            """;

    @TempDir
    Path root;

    private CliProject project(String strategy, String revenue, String notes) {
        return new CliProject(root)
                .write("weir.yaml", "name: types\n")
                .write("data/orders.csv", ORDERS)
                .write("contracts/daily.yaml", CONTRACT)
                .write("pipelines/daily.yaml", """
                        pipeline:
                          name: daily
                        extract:
                          source_system: files
                          connection: data/orders.csv
                          format: csv
                          strategy: full
                          columns:
                            order_id: BIGINT
                            day: DATE
                            amount: "DECIMAL(10,2)"
                            note: VARCHAR
                        transform:
                          stages:
                            - name: daily
                              sql: SELECT day, %s AS revenue, %s AS notes FROM source GROUP BY day
                        load:
                          target: gold.daily
                          strategy: truncate-reload
                        error_handling:
                          strategy: %s
                        """.formatted(revenue, notes, strategy));
    }

    @Test
    void sumOfADecimalLoadsAsTheContractsDecimalAndAnOverflowIsQuarantined() {
        CliProject project = project("dead-letter", "sum(amount)", "CAST(count(*) AS VARCHAR)");

        assertThat(project.execute("run")).as(project.err()).isZero();
        assertThat(project.out()).contains("SUCCESS daily").contains("rejected 1;");

        assertThat(project.execute(
                        "query",
                        "--format",
                        "csv",
                        "SELECT typeof(revenue) AS t, typeof(notes) AS n, day, revenue FROM gold.daily ORDER BY day"))
                .as(project.err())
                .isZero();
        assertThat(project.out())
                .isEqualTo("t,n,day,revenue\n"
                        + "\"DECIMAL(10,2)\",INTEGER,2024-03-01,30.50\n"
                        + "\"DECIMAL(10,2)\",INTEGER,2024-03-03,5.00\n");

        assertThat(project.execute("rejects", "gold.daily")).as(project.err()).isZero();
        assertThat(project.out())
                .contains("type(revenue)")
                .contains("out_of_range: revenue = 199999999.98 does not fit DECIMAL(10,2)");
    }

    @Test
    void underFailFastAValueThatDoesNotFitFailsTheRunAtTheContractsLine() {
        CliProject project = project("fail-fast", "sum(amount)", "CAST(count(*) AS VARCHAR)");

        assertThat(project.execute("run")).isEqualTo(1);

        assertThat(project.err())
                .contains("contracts/daily.yaml:10:13: contract.schema[1].type: Cannot load into gold.daily: 1 row"
                        + " does not fit the contract's types: out_of_range: revenue = 199999999.98 does not fit"
                        + " DECIMAL(10,2)")
                .contains("hint: ");
        assertThat(project.execute("table", "list")).isZero();
        assertThat(project.out()).doesNotContain("gold.daily");
    }

    @Test
    void textThatIsNotANumberIsATypeMismatchAtTheContractsLine() {
        CliProject project = project("fail-fast", "min(amount)", "'n/a'");

        assertThat(project.execute("run")).isEqualTo(1);

        assertThat(project.err())
                .contains("contracts/daily.yaml:12:13: contract.schema[2].type: Cannot load into gold.daily:")
                .contains("3 rows do not fit the contract's types: type_mismatch: notes = n/a is not a valid INTEGER");
    }
}
