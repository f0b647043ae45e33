package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The messy daily orders feed ({@link MessyFeed}) loads exactly, as CSV and as JSON lines, all
 * files at once and file by file: the table Iceberg's own reader finds is the one the feed computes
 * without Weir, every reject is counted under its reason with its original text, every run record
 * keeps {@code rows_extracted = rows_loaded + rows_rejected}, and a second run changes nothing.
 * The size is {@code -Dweir.messyFeed.records} (default 1,000).
 */
class MessyFeedIT {
    private static final int RECORDS = Integer.getInteger("weir.messyFeed.records", 1_000);

    @TempDir
    Path dir;

    private static DemoProject project(Path root, MessyFeed.Format format) {
        return DemoProject.empty(root).write("weir.yaml", "name: messy\n").write("pipelines/orders.yaml", """
                        pipeline:
                          name: orders
                        extract:
                          source_system: files
                          connection: feed/*.%s
                          format: %s
                          columns:
                        %s  strategy: incremental
                          new_files: true
                        load:
                          target: silver.orders
                          strategy: upsert
                          merge_keys: [order_id]
                          sequence_by: updated_at
                        error_handling:
                          strategy: dead-letter
                        """.formatted(
                        format.extension, format.extension, MessyFeed.columnsYaml()));
    }

    @ParameterizedTest
    @EnumSource(MessyFeed.Format.class)
    void allFilesAtOnceAndFileByFileLeaveTheTableTheFeedComputesWithExactRejectCounts(MessyFeed.Format format) {
        MessyFeed feed = new MessyFeed(RECORDS);
        DemoProject oneShot = project(dir.resolve("one-shot"), format);
        for (int i = 0; i < MessyFeed.FILES; i++) {
            feed.write(oneShot.root().resolve("feed"), i, format);
        }
        long started = System.nanoTime();
        Weir.Result run = Weir.run(oneShot.root(), "run");
        long oneShotMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(run.exitCode()).as(run.toString()).isZero();

        DemoProject byFile = project(dir.resolve("file-by-file"), format);
        for (int i = 0; i < MessyFeed.FILES; i++) {
            feed.write(byFile.root().resolve("feed"), i, format);
            Weir.Result daily = Weir.run(byFile.root(), "run");
            assertThat(daily.exitCode()).as(daily.toString()).isZero();
        }

        List<List<String>> expected = feed.expectedRows();
        for (DemoProject project : List.of(oneShot, byFile)) {
            try (IcebergTables tables = new IcebergTables(project.root())) {
                List<List<String>> actual = tables.rows("silver.orders");
                assertThat(difference(actual, expected))
                        .as(
                                "rows of %s the feed does not expect",
                                project.root().getFileName())
                        .isEmpty();
                assertThat(difference(expected, actual))
                        .as(
                                "rows the feed expects that %s lacks",
                                project.root().getFileName())
                        .isEmpty();
                assertThat(actual).hasSameSizeAs(expected);
            }
            assertThat(rejectsByReason(project)).isEqualTo(feed.expectedRejects());
            for (JsonNode record : project.runRecords()) {
                assertThat(record.get("rows_extracted").asLong())
                        .as(record.toString())
                        .isEqualTo(record.get("rows_loaded").asLong()
                                + record.get("rows_rejected").asLong());
            }
            assertThat(project.runRecords().stream()
                            .mapToLong(r -> r.get("rows_extracted").asLong())
                            .sum())
                    .isEqualTo(feed.recordCount());
        }
        JsonNode oneShotRecord = oneShot.runRecords().get(0);
        System.out.printf(
                "messy feed, %s, %,d records: one-shot load %,d ms, %,d rows loaded, %,d rejected, %,d in the table;"
                        + " rejects %s; table digest %s%n",
                format,
                feed.recordCount(),
                oneShotMillis,
                oneShotRecord.get("rows_loaded").asLong(),
                oneShotRecord.get("rows_rejected").asLong(),
                expected.size(),
                feed.expectedRejects(),
                digests(oneShot).get("silver.orders"));

        Map<String, String> before = digests(oneShot);
        Weir.Result again = Weir.run(oneShot.root(), "run");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(digests(oneShot)).isEqualTo(before);
        // the quarantines differ in their run ids and times only; the tables must be the same
        assertThat(digests(byFile).get("silver.orders")).isEqualTo(before.get("silver.orders"));
    }

    @Test
    void aRejectKeepsTheOriginalRecordTextAndItsPhysicalLine() {
        DemoProject project = project(dir.resolve("lines"), MessyFeed.Format.CSV)
                .write(
                        "feed/orders-1.csv",
                        "order_id,customer_id,status,amount,order_date,updated_at,note\n"
                                + "1,101,placed,1.00,2024-01-01,2024-01-01 10:00:00,\"two\nlines\"\n"
                                + "2,101,placed,1O.00,2024-01-01,2024-01-01 10:00:00,x\n");

        Weir.Result run = Weir.run(project.root(), "run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.rows("SELECT origin, reason, raw_record FROM silver.orders__rejected"))
                    .containsExactly(List.of(
                            "feed/orders-1.csv:4",
                            "malformed_number: column 'amount': '1O.00' is not a number",
                            "2,101,placed,1O.00,2024-01-01,2024-01-01 10:00:00,x"));
        }
    }

    /** The rows of {@code rows} that {@code other} lacks, long values cut short so that a failure stays readable. */
    private static List<List<String>> difference(List<List<String>> rows, List<List<String>> other) {
        Set<List<String>> others = new HashSet<>(other);
        return rows.stream()
                .filter(r -> !others.contains(r))
                .map(r -> r.stream()
                        .map(v -> v == null || v.length() <= 40 ? v : v.substring(0, 40) + "...")
                        .toList())
                .limit(10)
                .toList();
    }

    private static Map<String, Long> rejectsByReason(DemoProject project) {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            return lake
                    .rows("SELECT split_part(reason, ':', 1), count(*) FROM silver.orders__rejected GROUP BY 1")
                    .stream()
                    .collect(Collectors.toMap(r -> r.get(0), r -> Long.parseLong(r.get(1)), (a, b) -> a, TreeMap::new));
        }
    }

    private static Map<String, String> digests(DemoProject project) {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            return lake.digests();
        }
    }
}
