package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watermarks that never skip a row (issue 11, finding 1), through the command line: a key is
 * compared in its type, never as text; a row whose key is NULL or invalid is a counted reject and
 * never moves the watermark; and a reject is quarantined once, however often its source is re-read.
 */
class IncrementalKeysIT {
    @TempDir
    Path project;

    private CliProject cli;

    private CliProject cli() {
        if (cli == null) {
            cli = new CliProject(project, Map.of());
        }
        return cli;
    }

    private CliProject.Result weir(String... args) {
        return cli().weir(args);
    }

    private void write(String relativePath, String content) {
        cli().write(relativePath, content);
    }

    /** The last run record of {@code pipeline} in {@code .weir/logs/runs.jsonl}. */
    private JsonNode lastRun(String pipeline) {
        try {
            JsonNode last = null;
            for (String line : Files.readAllLines(project.resolve(".weir/logs/runs.jsonl"))) {
                JsonNode record = new ObjectMapper().readTree(line);
                if (record.path("pipeline_name").asText().equals(pipeline)) {
                    last = record;
                }
            }
            assertThat(last).as("a run record of " + pipeline).isNotNull();
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> query(String sql) {
        CliProject.Result result = weir("query", sql, "--format", "csv");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        // values with spaces come quoted; none of these holds a quote itself
        return result.out().lines().skip(1).map(line -> line.replace("\"", "")).toList();
    }

    /** A bronze pipeline that appends new CSV files as text, and a silver one reading it incrementally on {@code key}. */
    private void bronzeAndSilver(String key, String keyType, String strategy) {
        write("weir.yaml", "name: keys\n");
        write("pipelines/bronze_events.yaml", """
                pipeline:
                  name: bronze_events
                extract:
                  source_system: files
                  connection: data/events/*.csv
                  format: csv
                  strategy: incremental
                  new_files: true
                load:
                  target: bronze.events
                  strategy: append
                """);
        write("pipelines/silver_events.yaml", """
                pipeline:
                  name: silver_events
                  depends_on: [bronze_events]
                extract:
                  source_system: weir
                  connection: bronze.events
                  strategy: incremental
                  incremental_key: %s
                %s
                transform:
                  stages:
                    - name: typed
                      sql: SELECT CAST(id AS BIGINT) AS id, TRY_CAST(updated_at AS TIMESTAMP) AS updated_at FROM source
                load:
                  target: silver.events
                  strategy: upsert
                  merge_keys: [id]
                error_handling:
                  strategy: %s
                """.formatted(
                        key, keyType.isEmpty() ? "" : "  key_type: " + keyType, strategy));
    }

    @Test
    void rowsWithInvalidKeysAreQuarantinedOnceAndTheWatermarkStaysAtTheGreatestValidKey() {
        bronzeAndSilver("updated_at", "timestamp", "dead-letter");
        write(
                "data/events/1.csv",
                "id,updated_at\n1,2024-01-01 10:00:00\n2,2024-01-02 10:00:00\n3,2024-01-32T10:00:00\n"
                        + "4,yesterday\n5,\n6,2024-01-03 10:00:00\n");

        CliProject.Result first = weir("run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode silver = lastRun("silver_events");
        assertThat(silver.path("rows_extracted").asLong()).isEqualTo(6);
        assertThat(silver.path("rows_loaded").asLong()).isEqualTo(3);
        assertThat(silver.path("rows_rejected").asLong()).isEqualTo(3);
        assertThat(silver.path("watermark_after").asText()).isEqualTo("2024-01-03 10:00:00");
        assertThat(query("SELECT check_name, reason, origin FROM silver.events__rejected ORDER BY origin"))
                .containsExactly(
                        "incremental_key,bad_key: updated_at = '2024-01-32T10:00:00' is not a valid timestamp,"
                                + "bronze.events updated_at=2024-01-32T10:00:00",
                        "incremental_key,null_key: updated_at is NULL,bronze.events updated_at=NULL",
                        "incremental_key,bad_key: updated_at = 'yesterday' is not a valid timestamp,"
                                + "bronze.events updated_at=yesterday");

        write("data/events/2.csv", "id,updated_at\n7,2024-01-04 10:00:00\n8,2024-01-05 10:00:00\n");
        CliProject.Result second = weir("run");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        silver = lastRun("silver_events");
        assertThat(silver.path("rows_extracted").asLong())
                .as("the rejects of the first run are not extracted again")
                .isEqualTo(2);
        assertThat(silver.path("rows_loaded").asLong()).isEqualTo(2);
        assertThat(silver.path("rows_rejected").asLong()).isZero();
        assertThat(silver.path("watermark_after").asText()).isEqualTo("2024-01-05 10:00:00");
        assertThat(query("SELECT id FROM silver.events ORDER BY id")).containsExactly("1", "2", "6", "7", "8");

        CliProject.Result third = weir("run", "silver_events");

        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(lastRun("silver_events").path("rows_extracted").asLong()).isZero();
        assertThat(query("SELECT count(*) FROM silver.events__rejected")).containsExactly("3");
    }

    @Test
    void underFailFastRowsWithoutAValidKeyFailTheRunNamingTheFirstAndHowMany() {
        bronzeAndSilver("updated_at", "timestamp", "fail-fast");
        write("data/events/1.csv", "id,updated_at\n1,2024-01-01 10:00:00\n2,\n3,yesterday\n");

        CliProject.Result run = weir("run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .contains("Cannot extract incrementally on 'updated_at': 2 rows have no valid key; the first, ")
                .contains("error_handling.strategy: dead-letter");
        assertThat(run.err()).doesNotContain("\tat ");
        JsonNode silver = lastRun("silver_events");
        assertThat(silver.path("status").asText()).isEqualTo("failed");
        assertThat(silver.path("rows_extracted").asLong())
                .as("the failed batch is counted")
                .isEqualTo(3);
        assertThat(silver.path("rows_rejected").asLong()).isEqualTo(3);
        assertThat(silver.path("watermark_after").isNull()).isTrue();
    }

    /** As text '99' > '103': a text key is refused, and compared in its declared type every row loads. */
    @Test
    void aTextKeyIsRefusedAtRunTimeAndWithItsTypeDeclaredEveryRowLoads() {
        bronzeAndSilver("id", "", "fail-fast");
        write("data/events/1.csv", "id,updated_at\n99,2024-01-01 10:00:00\n");

        CliProject.Result refused = weir("run");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err())
                .contains("Cannot extract incrementally on 'id': it is text, and text compares character by character"
                        + " ('99' > '103')")
                .contains("key_type: bigint");

        bronzeAndSilver("id", "bigint", "fail-fast");
        assertThat(weir("run", "silver_events").exitCode()).isZero();
        write("data/events/2.csv", "id,updated_at\n103,2024-01-02 10:00:00\n100,2024-01-02 11:00:00\n");
        CliProject.Result typed = weir("run");

        assertThat(typed.exitCode()).as(typed.toString()).isZero();
        assertThat(query("SELECT id FROM silver.events ORDER BY id")).containsExactly("99", "100", "103");
        assertThat(lastRun("silver_events").path("watermark_after").asText()).isEqualTo("103");
    }

    @Test
    void validateRefusesATextKeyOfACsvSourceNamingWhereItIsWritten() {
        write("weir.yaml", "name: keys\n");
        write("pipelines/raw_events.yaml", """
                pipeline:
                  name: raw_events
                extract:
                  source_system: files
                  connection: data/events/*.csv
                  format: csv
                  strategy: incremental
                  incremental_key: id
                load:
                  target: raw.events
                  strategy: append
                """);

        CliProject.Result validate = weir("validate");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
        assertThat(validate.err())
                .contains("pipelines/raw_events.yaml:8:20: ")
                .contains("Cannot extract incrementally on text column 'id'")
                .contains("key_type: timestamp");
    }
}
