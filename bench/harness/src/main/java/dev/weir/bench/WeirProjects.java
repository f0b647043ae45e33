package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the small Weir projects the scenarios run: one pipeline each, over the generated orders. */
final class WeirProjects {
    private static final String COLUMNS = """
              columns:
                order_id: BIGINT
                customer_id: BIGINT
                order_ts: TIMESTAMP
                order_date: DATE
                amount: DECIMAL(10,2)
                status: VARCHAR
                country: VARCHAR
                email: VARCHAR
                note: VARCHAR
                updated_at: TIMESTAMP
            """;

    private WeirProjects() {}

    /** A full load of {@code data/orders.csv}, appended to {@code bench.orders}. */
    static Path fullLoad(Path dir) {
        return project(dir, "load_orders", extract("data/orders.csv", false), "  strategy: append\n");
    }

    /** Every file landing in {@code in/}, upserted into {@code bench.orders} on {@code order_id}. */
    static Path upsert(Path dir) {
        return project(
                dir, UPSERT_PIPELINE, extract("in/*.csv", true), "  strategy: upsert\n  merge_keys: [order_id]\n");
    }

    /** {@code final/orders.csv} reloaded into {@code bench.orders} (truncate-reload): the alternative to an upsert. */
    static Path reload(Path dir) {
        return project(dir, RELOAD_PIPELINE, extract("final/orders.csv", false), "  strategy: truncate-reload\n");
    }

    /** Every file landing in {@code in/} swaps the days it holds in {@code bench.orders}, partitioned by day. */
    static Path partitionSwap(Path dir) {
        return project(
                dir,
                "swap_days",
                extract("in/*.csv", true),
                "  strategy: partition-swap\n  partition_key: day(order_date)\n");
    }

    /**
     * Table {@code public.orders} of the local PostgreSQL the environment names ({@code BENCH_PG_PORT},
     * {@code BENCH_PG_USER}, {@code BENCH_PG_PASSWORD}), read whole and appended to {@code bench.orders}.
     * (The URL itself cannot be one placeholder: the connection file's check wants it to start with
     * {@code jdbc:}.)
     */
    static Path jdbcExtract(Path dir) {
        Path project = project(
                dir,
                "extract_orders",
                "extract:\n  source_system: jdbc\n  connection: bench\n  table: public.orders\n  strategy: full\n",
                "  strategy: append\n");
        return withPostgresConnection(project);
    }

    static final String CDC_PIPELINE = "cdc_changes";

    /**
     * The changes of table {@code public.changes} of the same PostgreSQL, merged into
     * {@code bench.changes} on its key. A batch is bounded by the follow interval, not by a count.
     */
    static Path cdcStream(Path dir) {
        Path project = project(
                dir,
                CDC_PIPELINE,
                "changes",
                "extract:\n  source_system: postgres\n  connection: bench\n  table: public.changes\n"
                        + "  strategy: cdc\n  max_changes: 10000000\n",
                "  strategy: merge\n  merge_keys: [id]\n");
        return withPostgresConnection(project);
    }

    static final String KAFKA_PIPELINE = "kafka_events";
    static final String UPSERT_PIPELINE = "upsert_orders";
    static final String RELOAD_PIPELINE = "reload_orders";

    /**
     * Topic {@code bench.events} of the broker {@code BENCH_KAFKA_SERVERS} names, keyed JSON messages
     * upserted into {@code bench.events} with the latest offset of each key winning. A batch is
     * bounded by the follow interval, not by a count.
     */
    static Path kafkaStream(Path dir) {
        return project(
                dir,
                KAFKA_PIPELINE,
                "events",
                """
                extract:
                  source_system: kafka
                  connection: ${env:BENCH_KAFKA_SERVERS}
                  topic: bench.events
                  strategy: log-based
                  columns:
                    id: BIGINT NOT NULL
                    amount: DECIMAL(10,2) NOT NULL
                    status: VARCHAR NOT NULL
                    updated_at: TIMESTAMP NOT NULL
                  message_columns: [offset]
                  max_messages: 10000000
                """,
                "  strategy: upsert\n  merge_keys: [id]\n  sequence_by: _kafka_offset\n");
    }

    private static Path withPostgresConnection(Path project) {
        try {
            Files.createDirectories(project.resolve("connections"));
            Files.writeString(
                    project.resolve("connections/bench.yaml"),
                    "url: jdbc:postgresql://localhost:${env:BENCH_PG_PORT}/postgres\nuser: ${env:BENCH_PG_USER}\npassword: ${env:BENCH_PG_PASSWORD}\n");
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The extract section: typed CSV columns, all of it or only new files. */
    private static String extract(String connection, boolean newFiles) {
        return "extract:\n  source_system: files\n  connection: " + connection + "\n  format: csv\n" + COLUMNS
                + (newFiles ? "  strategy: incremental\n  new_files: true\n" : "  strategy: full\n");
    }

    /**
     * A fresh project in {@code dir}: whatever an earlier invocation left there (input files, a
     * lakehouse) is removed first, or a scenario would start from another state than it says.
     */
    private static Path project(Path dir, String pipeline, String extract, String load) {
        return project(dir, pipeline, "orders", extract, load);
    }

    private static Path project(Path dir, String pipeline, String table, String extract, String load) {
        String body = extract + "load:\n  target: bench." + table + "\n" + load;
        Directories.delete(dir);
        try {
            Files.createDirectories(dir.resolve("pipelines"));
            Files.writeString(dir.resolve("weir.yaml"), "name: bench\n");
            Files.writeString(
                    dir.resolve("pipelines/" + pipeline + ".yaml"), "pipeline:\n  name: " + pipeline + "\n" + body);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
