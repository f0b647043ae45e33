package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka source's spec problems, and the strategies each source can read with. */
class KafkaSpecProblemsTest {
    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: stream\n");
    }

    private static String pipeline(String extract) {
        return """
                pipeline: {name: orders}
                extract:
                  source_system: kafka
                  connection: localhost:9092
                  topic: shop.orders
                  columns: {order_id: BIGINT NOT NULL}
                %s
                load: {target: bronze.orders, strategy: append}
                """.formatted(extract.indent(2).stripTrailing());
    }

    @Test
    void aValidKafkaPipelineLoads() {
        project.pipeline("orders", pipeline("strategy: log-based\nmessage_columns: [offset, key]"));

        assertThat(project.load().pipelines().get(0).extract().options())
                .hasToString("KafkaSourceOptions[topic=shop.orders, columns=[DeclaredColumn[name=order_id, type=BIGINT,"
                        + " required=true, format=Optional.empty]], flatten=false, messageColumns=[OFFSET, KEY],"
                        + " startAt=Optional.empty, maxMessages=100000, maxBatchTime=PT1M, timeout=PT30S,"
                        + " skipMissing=false, properties={}, tombstoneKeys=[], avro=Optional.empty]");
    }

    @Test
    void tombstonesDeleteNeedsKeyColumnsThatAreDeclaredColumns() {
        project.pipeline("orders", pipeline("strategy: log-based\ntombstones: delete"))
                .pipeline(
                        "unknown",
                        pipeline("strategy: log-based\ntombstones: delete\nkey_columns: [orderid]")
                                .replace("orders", "unknown"))
                .pipeline(
                        "unused",
                        pipeline("strategy: log-based\nkey_columns: [order_id]").replace("orders", "unused"))
                .pipeline(
                        "keyed",
                        pipeline("strategy: log-based\ntombstones: delete\nkey_columns: [ORDER_ID]")
                                .replace("orders", "keyed")
                                .replace(
                                        "strategy: append",
                                        "strategy: merge, merge_keys: [order_id],"
                                                + " sequence_by: _kafka_offset, delete_when: _kafka_deleted"));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:3: extract.key_columns: tombstones: delete needs key_columns — name"
                                + " the columns the message key holds, such as 'key_columns: [order_id]': a tombstone"
                                + " has no value, so its key is all that says which row it deletes",
                        "pipelines/unknown.yaml:9:16: extract.key_columns: Key column 'orderid' is not one of the"
                                + " columns — declare it in columns, with its type: a tombstone's key is converted as"
                                + " the value's field would be",
                        "pipelines/unused.yaml:8:16: extract.key_columns: key_columns is read only with tombstones:"
                                + " delete — add 'tombstones: delete' to delete a key on its tombstone, or remove"
                                + " key_columns");
    }

    @Test
    void maxLagIsWatchedOnlyForSourcesThatMeasureTheirLag() {
        project.pipeline(
                        "orders",
                        pipeline("strategy: log-based").replace("{name: orders}", "{name: orders, max_lag: 50}"))
                .pipeline("files", """
                        pipeline: {name: files, max_lag: 50}
                        extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                        load: {target: bronze.files, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly("pipelines/files.yaml:1:34: pipeline.max_lag: A files source does not measure how far"
                        + " the table is behind it, so max_lag would never alert — remove max_lag; it watches the"
                        + " sources that measure lag (kafka, postgres cdc), and contract freshness"
                        + " (sla.freshness_hours) watches the others");
    }

    @Test
    void tombstonesThatDeleteNeedAMergeThatDeletesOnTheirMarker() {
        String tombstones = "strategy: log-based\ntombstones: delete\nkey_columns: [order_id]";
        project.pipeline("orders", pipeline(tombstones))
                .pipeline(
                        "merged",
                        pipeline(tombstones)
                                .replace("orders", "merged")
                                .replace("strategy: append", "strategy: merge, merge_keys: [order_id]"));

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/merged.yaml:10:7: load.delete_when: The source marks rows that delete their key"
                                + " with _kafka_deleted, which this load would keep as rows of NULLs — load with"
                                + " 'strategy: merge' and 'delete_when: _kafka_deleted'",
                        "pipelines/orders.yaml:10:41: load.strategy: The source marks rows that delete their key"
                                + " with _kafka_deleted, which this load would keep as rows of NULLs — load with"
                                + " 'strategy: merge' and 'delete_when: _kafka_deleted'");
    }

    private static String avroPipeline(String name, String extract) {
        return """
                pipeline: {name: %s}
                extract:
                  source_system: kafka
                  connection: localhost:9092
                  topic: shop.orders
                  strategy: log-based
                %s
                load: {target: bronze.%s, strategy: append}
                """.formatted(name, extract.indent(2).stripTrailing(), name);
    }

    @Test
    void avroValuesWithoutColumnsTakeTheSchemasFields() {
        project.file("schemas/order.avsc", """
                        {"type": "record", "name": "Order", "fields": [
                          {"name": "order_id", "type": "long"},
                          {"name": "note", "type": ["null", "string"]}]}
                        """)
                .pipeline("orders", avroPipeline("orders", "value_format: avro\nschema_file: schemas/order.avsc"));

        assertThat(project.load().pipelines().get(0).extract().options().toString())
                .contains("columns=[DeclaredColumn[name=order_id, type=BIGINT, required=true, format=Optional.empty],"
                        + " DeclaredColumn[name=note, type=VARCHAR, required=false, format=Optional.empty]]")
                .contains("avro=Optional[AvroValueFormat[schema={\"type\":\"record\",\"name\":\"Order\"")
                .contains("file=schemas/order.avsc, confluent=false]]");
    }

    @Test
    void avroValuesNeedASchemaFileThatIsARecordSchema() {
        project.file("schemas/id.avsc", "\"long\"\n")
                .file("schemas/broken.avsc", "{\"type\": \"record\"\n")
                .pipeline("nofile", avroPipeline("nofile", "value_format: avro"))
                .pipeline("missing", avroPipeline("missing", "value_format: avro\nschema_file: schemas/nope.avsc"))
                .pipeline(
                        "scalar", avroPipeline("scalar", "value_format: avro-confluent\nschema_file: schemas/id.avsc"))
                .pipeline("broken", avroPipeline("broken", "value_format: avro\nschema_file: schemas/broken.avsc"))
                .pipeline("json", avroPipeline("json", "schema_file: schemas/id.avsc\ncolumns: {order_id: BIGINT}"));

        assertThat(project.problems())
                .satisfiesExactly(
                        broken -> assertThat(broken)
                                .isEqualTo("pipelines/broken.yaml:8:16: extract.schema_file: Cannot read Avro schema"
                                        + " schemas/broken.avsc: Unexpected end-of-input: expected close marker for"
                                        + " Object (start marker at [Source: REDACTED (`StreamReadFeature"
                                        + ".INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]) — give a path"
                                        + " relative to the project of an Avro schema in JSON (.avsc)"),
                        json -> assertThat(json)
                                .isEqualTo("pipelines/json.yaml:7:16: extract.schema_file: schema_file is read only for"
                                        + " Avro values — add 'value_format: avro' (or avro-confluent) for Avro values,"
                                        + " or remove schema_file"),
                        missing -> assertThat(missing)
                                .isEqualTo("pipelines/missing.yaml:8:16: extract.schema_file: Avro schema"
                                        + " schemas/nope.avsc does not exist — give a path relative to the project of an"
                                        + " Avro schema in JSON (.avsc)"),
                        nofile -> assertThat(nofile)
                                .isEqualTo("pipelines/nofile.yaml:3:3: extract.schema_file: value_format: avro needs"
                                        + " schema_file — name the Avro schema the values were written with, such as"
                                        + " 'schema_file: schemas/order.avsc' (relative to the project)"),
                        scalar -> assertThat(scalar)
                                .isEqualTo(
                                        "pipelines/scalar.yaml:8:16: extract.schema_file: Schema schemas/id.avsc is a"
                                                + " long, not a record — a message's value is a row: give the schema of a"
                                                + " record, whose fields are its columns"));
    }

    @Test
    void aSourceRefusesAStrategyItCannotReadWith() {
        project.pipeline("orders", pipeline("strategy: full")).pipeline("files", """
                        pipeline: {name: files}
                        extract: {source_system: files, connection: data/x.csv, format: csv, strategy: log-based}
                        load: {target: bronze.files, strategy: append}
                        """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/files.yaml:2:80: extract.strategy: source_system files cannot extract with strategy"
                                + " 'log-based' — write 'strategy: full' or 'strategy: incremental'",
                        "pipelines/orders.yaml:7:13: extract.strategy: source_system kafka cannot extract with strategy"
                                + " 'full' — write 'strategy: log-based'");
    }

    @Test
    void connectionTopicPropertiesAndMessageColumnsAreChecked() {
        project.pipeline("orders", """
                pipeline: {name: orders}
                extract:
                  source_system: kafka
                  connection: kafka://localhost
                  strategy: log-based
                  columns: {order_id: BIGINT NOT NULL}
                  message_columns: [offset, headers]
                  start_at: yesterday
                  properties: {enable.auto.commit: "true"}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:3: extract.topic: Missing required key 'topic' — name the topic to"
                                + " read, such as 'topic: shop.orders'",
                        "pipelines/orders.yaml:4:15: extract.connection: Invalid connection 'kafka://localhost': a kafka"
                                + " source connects to its brokers' host:port — write the bootstrap servers, such as"
                                + " 'connection: localhost:9092' or 'connection: broker1:9092,broker2:9092'",
                        "pipelines/orders.yaml:7:20: extract.message_columns: Unknown message column 'headers' — list"
                                + " each at most once, of: key, partition, offset, timestamp",
                        "pipelines/orders.yaml:8:13: extract.start_at: Invalid start_at 'yesterday' — write 'earliest'"
                                + " (the oldest message the topic keeps) or a time with its offset, such as"
                                + " '2024-03-01T00:00:00Z': a partition never read starts at its first message from then on",
                        "pipelines/orders.yaml:9:15: extract.properties: Consumer property 'enable.auto.commit' is set"
                                + " by Weir — remove it: Weir reads from the offsets in the table, committed transactions"
                                + " only, with the brokers of extract.connection");
    }
}
