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
        return project(dir, "load_orders", """
                extract:
                  source_system: files
                  connection: data/orders.csv
                  format: csv
                %s  strategy: full
                load:
                  target: bench.orders
                  strategy: append
                """.formatted(COLUMNS));
    }

    /** Every file landing in {@code in/}, upserted into {@code bench.orders} on {@code order_id}. */
    static Path upsert(Path dir) {
        return project(dir, "upsert_orders", """
                extract:
                  source_system: files
                  connection: in/*.csv
                  format: csv
                %s  strategy: incremental
                  new_files: true
                load:
                  target: bench.orders
                  strategy: upsert
                  merge_keys: [order_id]
                """.formatted(COLUMNS));
    }

    /** {@code final/orders.csv} reloaded into {@code bench.orders} (truncate-reload): the alternative to an upsert. */
    static Path reload(Path dir) {
        return project(dir, "reload_orders", """
                extract:
                  source_system: files
                  connection: final/orders.csv
                  format: csv
                %s  strategy: full
                load:
                  target: bench.orders
                  strategy: truncate-reload
                """.formatted(COLUMNS));
    }

    /** Every file landing in {@code in/} swaps the days it holds in {@code bench.orders}, partitioned by day. */
    static Path partitionSwap(Path dir) {
        return project(dir, "swap_days", """
                extract:
                  source_system: files
                  connection: in/*.csv
                  format: csv
                %s  strategy: incremental
                  new_files: true
                load:
                  target: bench.orders
                  strategy: partition-swap
                  partition_key: day(order_date)
                """.formatted(COLUMNS));
    }

    private static Path project(Path dir, String pipeline, String body) {
        try {
            Files.createDirectories(dir.resolve("pipelines"));
            Files.writeString(dir.resolve("weir.yaml"), "name: bench\n");
            Files.writeString(dir.resolve("pipelines/" + pipeline + ".yaml"), "pipeline:\n  name: " + pipeline + "\n" + body);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
