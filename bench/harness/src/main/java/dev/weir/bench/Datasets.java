package dev.weir.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generated inputs, made once per size and kept in the work directory (generation is not
 * measured): the base table, the upsert batches, the state after an upsert, one day's rows.
 */
final class Datasets {
    /** Which keys an upsert batch changes. */
    enum Change {
        /** The newest 2% of orders, every other one: orders updated soon after they were placed. */
        RECENT("changed keys among recent orders", "order_id >= %1$d - %1$d / 50 AND order_id %% 2 = 0"),
        /** Every 100th order over the whole table: the worst case for copy-on-write. */
        UNIFORM("changed keys spread uniformly", "order_id %% 100 = 37");

        private final String description;
        private final String condition;

        Change(String description, String condition) {
            this.description = description;
            this.condition = condition;
        }

        String description() {
            return description;
        }

        String condition(long rows) {
            return String.format(condition, rows);
        }
    }

    private final Path dir;
    private final DataGenerator generator;

    Datasets(Path dir, DataGenerator generator) {
        this.dir = dir;
        this.generator = generator;
    }

    static String label(long rows) {
        if (rows >= 1_000_000 && rows % 1_000_000 == 0) {
            return rows / 1_000_000 + "M";
        }
        return rows >= 1_000 && rows % 1_000 == 0 ? rows / 1_000 + "k" : Long.toString(rows);
    }

    Path baseCsv(long rows) {
        Path file = dir.resolve("orders-" + label(rows) + ".csv");
        if (!Files.exists(file)) {
            generator.csv(DataGenerator.rows(0, rows, rows, 0), file);
        }
        return file;
    }

    Path baseParquet(long rows) {
        Path file = dir.resolve("orders-" + label(rows) + ".parquet");
        if (!Files.exists(file)) {
            generator.parquet(DataGenerator.rows(0, rows, rows, 0), file);
        }
        return file;
    }

    /** 1% of keys changed (a new version of each row) and 0.5% new keys. */
    Path batchCsv(long rows, Change change) {
        Path file = dir.resolve("batch-" + label(rows) + "-" + change.name().toLowerCase() + ".csv");
        if (!Files.exists(file)) {
            generator.csv(batch(rows, change), file);
        }
        return file;
    }

    /** The table as it is after the batch was upserted: what a full reload would load instead. */
    Path finalCsv(long rows, Change change) {
        Path file = dir.resolve("final-" + label(rows) + "-" + change.name().toLowerCase() + ".csv");
        if (!Files.exists(file)) {
            generator.csv(
                    "SELECT * FROM (" + DataGenerator.rows(0, rows, rows, 0) + ") WHERE NOT (" + change.condition(rows)
                            + ")" + " UNION ALL " + batch(rows, change),
                    file);
        }
        return file;
    }

    /** A new version of every row of one day (the 100th of the year). */
    Path dayCsv(long rows) {
        Path file = dir.resolve("day-" + label(rows) + ".csv");
        if (!Files.exists(file)) {
            generator.csv(
                    "SELECT * FROM (" + DataGenerator.rows(0, rows, rows, 1) + ") WHERE order_date = DATE '2024-04-09'",
                    file);
        }
        return file;
    }

    private static String batch(long rows, Change change) {
        long added = Math.max(1, rows / 200);
        return "SELECT * FROM (" + DataGenerator.rows(0, rows, rows, 1) + ") WHERE " + change.condition(rows)
                + " UNION ALL " + DataGenerator.rows(rows, added, rows, 1);
    }
}
