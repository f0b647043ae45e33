package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with keys that are each valid but do not go together. */
class CombinationProblemsTest {
    private static final String PIPELINE = "pipeline: {name: orders}\n";
    private static final String FILES_EXTRACT =
            "extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}\n";
    private static final String APPEND_LOAD = "load: {target: bronze.orders, strategy: append}\n";

    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    @Test
    void upsertWithoutMergeKeysAsksForThem() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load:
                  target: bronze.orders
                  strategy: upsert
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:4:3: load.merge_keys: Missing merge_keys: upsert matches rows on key columns"
                                + " — add a line like 'merge_keys: [order_id]'");
    }

    @Test
    void mergeWithEmptyMergeKeysAsksForThem() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load: {target: bronze.orders, strategy: merge, merge_keys: []}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:60: load.merge_keys: Empty merge_keys: merge matches rows on key columns"
                                + " — add a line like 'merge_keys: [order_id]'");
    }

    @Test
    void mergeKeysAndDeleteWhenAreRefusedForAppend() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load:
                  target: bronze.orders
                  strategy: append
                  merge_keys: [order_id]
                  delete_when: op = 'D'
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:6:15: load.merge_keys: 'merge_keys' only applies to strategies upsert, merge and scd2"
                                + " — remove it, or use 'strategy: upsert' to update rows by key",
                        "pipelines/orders.yaml:7:16: load.delete_when: 'delete_when' only applies to strategy merge"
                                + " — remove it, or use 'strategy: merge'");
    }

    @Test
    void mergeModeIsRefusedForAppendAndMustNameAMode() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load:
                  target: bronze.orders
                  strategy: append
                  merge_mode: merge-on-read
                """);
        project.pipeline("customers", PIPELINE.replace("orders", "customers") + FILES_EXTRACT + """
                load:
                  target: silver.customers
                  strategy: upsert
                  merge_keys: [customer_id]
                  merge_mode: merge-on-write
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/customers.yaml:7:15: load.merge_mode: Invalid value 'merge-on-write' — use one of merge-on-read,"
                                + " copy-on-write",
                        "pipelines/orders.yaml:6:15: load.merge_mode: 'merge_mode' only applies to strategies upsert, merge and scd2"
                                + " — remove it: append does not change existing rows by key");
    }

    @Test
    void sequenceByIsRefusedForStrategiesWithoutMergeKeys() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load:
                  target: bronze.orders
                  strategy: append
                  sequence_by: updated_at
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:6:16: load.sequence_by: 'sequence_by' only applies to strategies upsert, merge and scd2"
                                + " — remove it, or use 'strategy: upsert' to keep the newest version of each key");
    }

    @Test
    void sequenceByThatIsAMergeKeyIsRefused() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load:
                  target: bronze.orders
                  strategy: upsert
                  merge_keys: [order_id]
                  sequence_by: order_id
                """);

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:7:16: load.sequence_by: 'order_id' is a merge key, so it cannot"
                        + " order a key's versions — name the column that grows with each new version, such as"
                        + " 'sequence_by: updated_at'");
    }

    @Test
    void partitionSwapWithoutPartitionKeyAsksForOne() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load: {target: bronze.orders, strategy: partition-swap}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:7: load.partition_key: Missing partition_key: partition-swap replaces whole"
                                + " partitions — add a line like 'partition_key: day(order_date)'");
    }

    @Test
    void unknownPartitionTransformIsRefused() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                load: {target: bronze.orders, strategy: append, partition_key: week(order_date)}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:64: load.partition_key: Invalid partition key 'week(order_date)'"
                                + " — write a column, or day(column), month(column), year(column) or hour(column)");
    }

    @Test
    void incrementalWithoutKeyOrNewFilesAsksForOne() {
        project.pipeline("orders", PIPELINE + """
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                  strategy: incremental
                """ + APPEND_LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:6:13: extract.strategy: Incremental extraction needs incremental_key or new_files"
                                + " — add a line like 'incremental_key: updated_at' (rows past the last watermark)"
                                + " or 'new_files: true' (files not loaded before)");
    }

    @Test
    void incrementalWithBothKeyAndNewFilesIsRefused() {
        project.pipeline("orders", PIPELINE + """
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                  strategy: incremental
                  incremental_key: updated_at
                  new_files: true
                """ + APPEND_LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:8:14: extract.new_files: Use either incremental_key or new_files, not both"
                                + " — incremental_key reads rows past the last watermark; new_files reads files not loaded before");
    }

    /** As text '99' > '103': a watermark compared so skips rows for good (issue 11, finding 1). */
    @Test
    void aCsvKeyKnownToBeTextIsRefusedWhereItIsWrittenUnlessItsTypeIsDeclared() {
        project.pipeline("orders", PIPELINE + """
                        extract:
                          source_system: files
                          connection: data/orders.csv
                          format: csv
                          strategy: incremental
                          incremental_key: order_id
                        """ + APPEND_LOAD)
                .pipeline("events", """
                        pipeline: {name: events}
                        extract:
                          source_system: files
                          connection: data/events.jsonl
                          format: jsonl
                          columns: {id: VARCHAR(12), at: TIMESTAMP}
                          strategy: incremental
                          incremental_key: id
                        load: {target: bronze.events, strategy: append}
                        """)
                .pipeline("typed", """
                        pipeline: {name: typed}
                        extract:
                          source_system: files
                          connection: data/typed.csv
                          format: csv
                          columns: {id: BIGINT}
                          strategy: incremental
                          incremental_key: id
                        load: {target: bronze.typed, strategy: append}
                        """)
                .pipeline("declared", """
                        pipeline: {name: declared}
                        extract:
                          source_system: files
                          connection: data/declared.csv
                          format: csv
                          strategy: incremental
                          incremental_key: id
                          key_type: bigint
                        load: {target: bronze.declared, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/events.yaml:8:20: extract.incremental_key: Cannot extract incrementally on text column"
                                + " 'id': it is declared VARCHAR(12) in extract.columns, and text compares character by"
                                + " character ('99' > '103'), so the watermark would skip rows — declare the type its values"
                                + " have, such as 'key_type: timestamp' (or bigint, date, decimal(18,2)), or declare the"
                                + " column with that type in extract.columns",
                        "pipelines/orders.yaml:7:20: extract.incremental_key: Cannot extract incrementally on text column"
                                + " 'order_id': CSV columns not declared in extract.columns are read as VARCHAR, and text"
                                + " compares character by character ('99' > '103'), so the watermark would skip rows — declare"
                                + " the type its values have, such as 'key_type: timestamp' (or bigint, date, decimal(18,2)),"
                                + " or declare the column with that type in extract.columns");
    }

    @Test
    void keyTypeMustBeANumberDateOrTimestampTypeAndGoesWithAnIncrementalKey() {
        project.pipeline("orders", PIPELINE + """
                        extract:
                          source_system: weir
                          connection: bronze.orders
                          strategy: incremental
                          incremental_key: updated_at
                          key_type: varchar
                        """ + APPEND_LOAD.replace("bronze.orders", "silver.orders"))
                .pipeline("raw", """
                        pipeline: {name: raw}
                        extract:
                          source_system: files
                          connection: data/orders.csv
                          format: csv
                          strategy: full
                          key_type: "decimal(18, 2)"
                        load: {target: bronze.orders, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:7:13: extract.key_type: Invalid value 'varchar' — use the type the key's"
                                + " values have: bigint, integer, smallint, decimal(p,s), date, timestamp or timestamptz"
                                + " (a text key would compare character by character)",
                        "pipelines/raw.yaml:7:13: extract.key_type: 'key_type' only applies with an incremental_key"
                                + " — remove it, or add the key it types, such as 'incremental_key: updated_at'");
    }

    @Test
    void fullExtractRefusesIncrementalSettings() {
        project.pipeline("orders", PIPELINE + """
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                  strategy: full
                  incremental_key: updated_at
                  new_files: false
                """ + APPEND_LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:7:20: extract.incremental_key: 'incremental_key' only applies to strategy"
                                + " incremental — remove it, or set 'strategy: incremental'",
                        "pipelines/orders.yaml:8:14: extract.new_files: 'new_files' only applies to strategy incremental"
                                + " — remove it, or set 'strategy: incremental'");
    }

    @Test
    void weirSourceRefusesFileSettings() {
        project.pipeline("raw", """
                pipeline: {name: raw}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                """).pipeline("orders", """
                pipeline: {name: orders}
                extract:
                  source_system: weir
                  connection: bronze.orders
                  format: parquet
                  strategy: incremental
                  new_files: true
                load: {target: silver.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:5:11: extract.format: 'format' only applies to source_system files"
                                + " — remove it: source_system weir does not read it",
                        "pipelines/orders.yaml:6:13: extract.strategy: Incremental extraction needs incremental_key"
                                + " — add a line like 'incremental_key: updated_at'",
                        "pipelines/orders.yaml:7:14: extract.new_files: 'new_files' only applies to source_system files"
                                + " — remove it: source_system weir does not read it");
    }

    @Test
    void weirSourceConnectionMustBeATableName() {
        project.pipeline("orders", PIPELINE + """
                extract: {source_system: weir, connection: bronze/orders, strategy: full}
                """ + APPEND_LOAD.replace("bronze.orders", "silver.orders"));

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml:2:44: extract.connection: Invalid table name 'bronze/orders'"
                        + " — with source_system weir, connection names a Weir table as namespace.table,"
                        + " such as silver.orders");
    }

    @Test
    void filesSourceNeedsAFormatAndCsvOptionsNeedCsv() {
        project.pipeline("orders", PIPELINE + """
                extract: {source_system: files, connection: data/orders.csv, strategy: full}
                """ + APPEND_LOAD).pipeline("events", """
                pipeline: {name: events}
                extract:
                  source_system: files
                  connection: data/events.parquet
                  format: parquet
                  csv: {delimiter: ";"}
                  strategy: full
                load: {target: bronze.events, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/events.yaml:6:8: extract.csv: csv options only apply to format csv"
                                + " — remove the csv section, or set 'format: csv'",
                        "pipelines/orders.yaml:2:10: extract.format: Missing required key 'format'"
                                + " — files sources need a format: add a line like 'format: csv'");
    }

    @Test
    void filesSourceMustStayInsideTheProject() {
        project.pipeline("orders", PIPELINE + """
                extract: {source_system: files, connection: ../other/orders.csv, format: csv, strategy: full}
                """ + APPEND_LOAD).pipeline("events", """
                pipeline: {name: events}
                extract: {source_system: files, connection: /data/events.csv, format: csv, strategy: full}
                load: {target: bronze.events, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/events.yaml:2:45: extract.connection: Path '/data/events.csv' is outside the project"
                                + " directory — use a path or glob relative to the project root, such as data/orders/*.csv",
                        "pipelines/orders.yaml:2:45: extract.connection: Path '../other/orders.csv' is outside the project"
                                + " directory — use a path or glob relative to the project root, such as data/orders/*.csv");
    }

    @Test
    void stageNeedsExactlyOneOfSqlAndSqlFile() {
        project.file("sql/clean.sql", "select 1").pipeline("orders", PIPELINE + FILES_EXTRACT + """
                transform:
                  stages:
                    - name: clean
                      sql: select * from source
                      sql_file: sql/clean.sql
                    - name: enrich
                      operations: [join customers]
                """ + APPEND_LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:5:7: transform.stages[0]: Stage 'clean' has both sql and sql_file"
                                + " — keep one of them",
                        "pipelines/orders.yaml:8:7: transform.stages[1]: Stage 'enrich' has no SQL"
                                + " — add a line like 'sql: select * from source' or 'sql_file: sql/enrich.sql'");
    }

    @Test
    void missingSqlFileIsReportedAtItsPath() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                transform:
                  stages:
                    - {name: clean, sql_file: sql/clean.sql}
                """ + APPEND_LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:5:31: transform.stages[0].sql_file: SQL file not found: sql/clean.sql"
                                + " — sql_file paths are relative to the project root, such as sql/clean.sql");
    }

    @Test
    void stageNamesMustBeUniqueNotSourceAndWithoutDots() {
        project.pipeline("orders", PIPELINE + FILES_EXTRACT + """
                transform:
                  stages:
                    - {name: clean, sql: select * from source}
                    - {name: Clean, sql: select * from clean}
                    - {name: source, sql: select 1}
                    - {name: gold.clean, sql: select 2}
                """ + APPEND_LOAD);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:6:14: transform.stages[1].name: Duplicate stage name 'Clean'"
                                + " — stage names must be unique within a pipeline",
                        "pipelines/orders.yaml:7:14: transform.stages[2].name: Stage name 'source' is reserved"
                                + " — the extracted batch is called source; pick another name, such as clean",
                        "pipelines/orders.yaml:8:14: transform.stages[3].name: Invalid value 'gold.clean'"
                                + " — use an identifier such as clean (letters, digits and _; no dots)");
    }
}
