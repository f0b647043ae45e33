package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed extraction's options as a user meets them through {@code weir run}: enums, missing and extra columns. */
class TypedExtractionIT {
    @TempDir
    Path root;

    private CliProject project(String format, String options) {
        return new CliProject(root).write("weir.yaml", "name: typed\n").write("pipelines/orders.yaml", """
                pipeline:
                  name: orders
                extract:
                  source_system: files
                  connection: feed/*.%s
                  format: %s
                  columns:
                    id: BIGINT NOT NULL
                    status: "ENUM('placed','shipped','returned') NOT NULL"
                %s  strategy: full
                load:
                  target: bronze.orders
                  strategy: append
                error_handling:
                  strategy: dead-letter
                """.formatted(
                        format, format, options));
    }

    @Test
    void aValueOutsideAnEnumIsQuarantinedNamingTheAllowedValues() {
        CliProject project = project("csv", "").write("feed/a.csv", "id,status\n1,placed\n2,Shipped\n3,returned\n");

        assertThat(project.execute("run")).as(project.err()).isZero();
        assertThat(project.out()).contains("SUCCESS orders").contains("rejected 1;");

        assertThat(project.execute("query", "--format", "csv", "SELECT id, status FROM bronze.orders ORDER BY id"))
                .as(project.err())
                .isZero();
        assertThat(project.out()).isEqualTo("id,status\n1,placed\n3,returned\n");
        assertThat(project.execute("rejects", "bronze.orders"))
                .as(project.err())
                .isZero();
        assertThat(project.out())
                .contains("feed/a.csv:3")
                .contains("unknown_enum: column 'status': 'Shipped' is not one of placed, shipped, returned");
    }

    @Test
    void withMissingColumnsFailAFileLackingANotNullColumnFailsTheRunEvenUnderDeadLetter() {
        CliProject project = project("csv", "  missing_columns: fail\n")
                .write("feed/a.csv", "id,status\n1,placed\n")
                .write("feed/b.csv", "id,note\n2,late\n");

        assertThat(project.execute("run")).isEqualTo(1);

        assertThat(project.err())
                .contains("feed/b.csv:1: Cannot load file: its header lacks the NOT NULL column 'status'")
                .contains("hint: add it to the file, or declare it without NOT NULL")
                .doesNotContain("\tat ");
        assertThat(project.execute("table", "list")).isZero();
        assertThat(project.out()).doesNotContain("bronze.orders");
    }

    @Test
    void keptJsonLinesKeysLoadAsTextColumnsNullWhereALineLacksThem() {
        CliProject project = project("jsonl", "  extra_columns: keep\n")
                .write("feed/a.jsonl", "{\"id\": 1, \"status\": \"placed\", \"coupon\": \"X1\"}\n")
                .write("feed/b.jsonl", "{\"Status\": \"shipped\", \"ID\": 2, \"total\": 2.50, \"tags\": [\"a\"]}\n");

        assertThat(project.execute("run")).as(project.err()).isZero();

        assertThat(project.execute(
                        "query",
                        "--format",
                        "csv",
                        "SELECT id, status, coupon, total, tags, typeof(total) AS t FROM bronze.orders ORDER BY id"))
                .as(project.err())
                .isZero();
        assertThat(project.out())
                .isEqualTo("id,status,coupon,total,tags,t\n"
                        + "1,placed,X1,,,VARCHAR\n"
                        + "2,shipped,,2.50,\"[\"\"a\"\"]\",VARCHAR\n");
    }
}
