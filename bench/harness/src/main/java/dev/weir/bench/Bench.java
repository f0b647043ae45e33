package dev.weir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenarios. Every contender runs as a fresh process per repetition, from the same starting
 * state, and every ratio compares medians taken in this one invocation.
 */
final class Bench {
    private static final Map<String, String> NO_ENV = Map.of();
    private final Path work;
    private final Contenders contenders;
    private final ProcessMeter meter;
    private final Datasets data;
    private final int repetitions;
    private final List<Summary> summaries = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();

    Bench(Path work, Contenders contenders, ProcessMeter meter, Datasets data, int repetitions) {
        this.work = work;
        this.contenders = contenders;
        this.meter = meter;
        this.data = data;
        this.repetitions = repetitions;
    }

    List<Summary> summaries() {
        return summaries;
    }

    List<Ratio> ratios() {
        return ratios;
    }

    /** Scenario 1: a full load of a CSV file into a new Iceberg table. */
    void fullLoad(long rows) {
        String scenario = "full load, " + Datasets.label(rows) + " rows CSV";
        Path csv = data.baseCsv(rows);
        Path project = WeirProjects.fullLoad(work.resolve("full-load/weir"));
        Directories.link(csv, project.resolve("data/orders.csv"));
        Summary weir = repeat(
                scenario,
                "weir run (append)",
                () -> Directories.delete(project.resolve(".weir")),
                () -> contenders.weir(project, "run"),
                NO_ENV);
        Path parquet = work.resolve("full-load/duckdb/orders.parquet");
        Summary duckdb = repeat(
                scenario,
                "raw DuckDB COPY to Parquet, Weir's CSV options",
                () -> Directories.delete(parquet.getParent()),
                () -> {
                    mkdirs(parquet.getParent());
                    return contenders.duckdbCopy(csv, parquet);
                },
                NO_ENV);
        ratios.add(Ratio.atMost(
                "full load: Weir / raw DuckDB wall time (same CSV reader options)",
                weir.medianSeconds() / duckdb.medianSeconds(),
                1.05));
        if (!contenders.withSpark()) {
            return;
        }
        Path spark = work.resolve("full-load/spark");
        Summary peer = repeat(
                scenario,
                "Spark 3.5 + Iceberg (local[2])",
                () -> Directories.delete(spark),
                () -> {
                    mkdirs(spark);
                    return contenders.spark("load", spark.resolve("warehouse"), spark.resolve("catalog.db"), csv);
                },
                Contenders.SPARK_ENV);
        ratios.add(Ratio.atLeast("full load: Spark / Weir wall time", peer.medianSeconds() / weir.medianSeconds(), 5));
        ratios.add(Ratio.atMost(
                "full load: Weir / Spark peak RSS",
                (double) weir.medianPeakRssBytes() / peer.medianPeakRssBytes(),
                0.2));
    }

    /** Scenario 2 (and 3's no-op): upsert 1% changed and 0.5% new keys into a table, against a full reload and Spark MERGE. */
    void upsert(long rows, Datasets.Change change) {
        String scenario =
                "upsert 1% changed + 0.5% new into " + Datasets.label(rows) + " rows, " + change.description();
        Path project =
                WeirProjects.upsert(work.resolve("upsert-" + change.name().toLowerCase() + "/weir"));
        Directories.link(data.baseCsv(rows), project.resolve("in/0-base.csv"));
        run("setup " + scenario, contenders.weir(project, "run"), NO_ENV);
        Path saved = project.resolve(".weir-base");
        Directories.copy(project.resolve(".weir"), saved);
        Directories.link(data.batchCsv(rows, change), project.resolve("in/1-batch.csv"));
        Summary upsert = repeat(
                scenario,
                "weir run (upsert)",
                () -> Directories.copy(saved, project.resolve(".weir")),
                () -> contenders.weir(project, "run"),
                NO_ENV);
        Summary noOp = repeat(
                scenario, "weir run, nothing new (no-op)", () -> {}, () -> contenders.weir(project, "run"), NO_ENV);
        if (contenders.withSpark()) {
            checkSparkReadsWhatWeirWrote(project, change);
        }

        Path reloadProject =
                WeirProjects.reload(work.resolve("upsert-" + change.name().toLowerCase() + "/reload"));
        Directories.link(data.finalCsv(rows, change), reloadProject.resolve("final/orders.csv"));
        Summary reload = repeat(
                scenario,
                "weir run (truncate-reload of the same result)",
                () -> Directories.delete(reloadProject.resolve(".weir")),
                () -> contenders.weir(reloadProject, "run"),
                NO_ENV);

        double upsertWork = upsert.medianSeconds() - noOp.medianSeconds();
        double reloadWork = reload.medianSeconds() - noOp.medianSeconds();
        ratios.add(Ratio.atMost(
                "upsert (" + change.description() + "): work / full reload's work, cold (a fresh process each)",
                upsertWork / reloadWork,
                0.15));
        warmUpsert(scenario, change, project, saved, reloadProject);
        if (change == Datasets.Change.RECENT) {
            ratios.add(Ratio.atMost("no-op weir run, seconds", noOp.medianSeconds(), 1.5));
        }
        if (contenders.withSpark()) {
            sparkMerge(scenario, rows, change);
        }
    }

    private void sparkMerge(String scenario, long rows, Datasets.Change change) {
        Path spark = work.resolve("upsert-" + change.name().toLowerCase() + "/spark");
        Directories.delete(spark);
        mkdirs(spark.resolve("state"));
        run(
                "setup Spark " + scenario,
                contenders.spark(
                        "load",
                        spark.resolve("state/warehouse"),
                        spark.resolve("state/catalog.db"),
                        data.baseCsv(rows)),
                Contenders.SPARK_ENV);
        Path sparkSaved = spark.resolve("state-base");
        Directories.copy(spark.resolve("state"), sparkSaved);
        repeat(
                scenario,
                "Spark MERGE INTO (copy-on-write)",
                () -> Directories.copy(sparkSaved, spark.resolve("state")),
                () -> contenders.spark(
                        "merge",
                        spark.resolve("state/warehouse"),
                        spark.resolve("state/catalog.db"),
                        data.batchCsv(rows, change)),
                Contenders.SPARK_ENV);
    }

    /**
     * Spark reads the table Weir's upsert left (position deletes included) as Weir does: same row
     * count, distinct keys and sum of amounts. The report shows a difference as a missed target.
     */
    private void checkSparkReadsWhatWeirWrote(Path project, Datasets.Change change) {
        String weirRow = lineStartingWith(
                "digest ",
                contenders.weir(
                        project,
                        "query",
                        "SELECT 'digest ' || count(*) || ' '"
                                + " || count(DISTINCT order_id) || ' ' || CAST(sum(amount) AS VARCHAR) AS d FROM bench.orders"),
                NO_ENV);
        List<String> viaWeir = List.of(weirRow.trim().split(" ")).subList(1, 4);
        Path state = project.resolve(".weir");
        String sparkRow = lineStartingWith(
                "digest ",
                contenders.spark("digest", state.resolve("warehouse"), state.resolve("weir.db"), project),
                Contenders.SPARK_ENV);
        List<String> sparkDigest = List.of(sparkRow.trim().split(" ")).subList(1, 4);
        System.out.printf(
                "%-60s Spark reads %s, Weir reads %s (rows, distinct keys, sum of amounts)%n",
                change.description(), sparkDigest, viaWeir);
        ratios.add(new Ratio(
                "upsert (" + change.description() + "): rows Spark / Weir read from Weir's table",
                Double.parseDouble(sparkDigest.get(0)) / Double.parseDouble(viaWeir.get(0)),
                "1, same keys and sum",
                sparkDigest.equals(viaWeir)));
    }

    /** The first line, starting with {@code prefix}, that a command (which must succeed) prints. */
    private String lineStartingWith(String prefix, List<String> command, Map<String, String> env) {
        Path log = meter.runForOutput("check", command, work, env);
        try {
            return Files.readAllLines(log).stream()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no line starting with '" + prefix + "' in " + log));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Scenario 3: starting the CLI. */
    void help() {
        Summary help = repeat("weir --help", "weir --help", () -> {}, () -> contenders.weir(null, "--help"), NO_ENV);
        ratios.add(Ratio.atMost("weir --help, seconds", help.medianSeconds(), 0.5));
    }

    /** Scenario 4: a large full load with the JVM heap capped at 1 GB; DuckDB must spill to disk. */
    void scale(long rows) {
        String scenario = "full load, " + Datasets.label(rows) + " rows CSV, -Xmx1g";
        Path csv = data.baseCsv(rows);
        Path project = WeirProjects.fullLoad(work.resolve("scale/weir"));
        Directories.link(csv, project.resolve("data/orders.csv"));
        repeat(
                scenario,
                "weir run (append), -Xmx1g",
                () -> Directories.delete(project.resolve(".weir")),
                () -> contenders.weir(project, "run"),
                Map.of("WEIR_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms64m -Xmn24m -Xmx1g"));
        ratios.add(new Ratio(Datasets.label(rows) + " rows under -Xmx1g", 1, "completes", true));
    }

    /** Scenario 5: replace one day of a table partitioned by day. */
    void partitionSwap(long rows) {
        String scenario = "partition swap of one day in " + Datasets.label(rows) + " rows";
        Path project = WeirProjects.partitionSwap(work.resolve("partition-swap/weir"));
        Directories.link(data.baseCsv(rows), project.resolve("in/0-base.csv"));
        run("setup " + scenario, contenders.weir(project, "run"), NO_ENV);
        Path saved = project.resolve(".weir-base");
        Directories.copy(project.resolve(".weir"), saved);
        Directories.link(data.dayCsv(rows), project.resolve("in/1-day.csv"));
        Summary swap = repeat(
                scenario,
                "weir run (partition-swap)",
                () -> Directories.copy(saved, project.resolve(".weir")),
                () -> contenders.weir(project, "run"),
                NO_ENV);

        if (!contenders.withSpark()) {
            return;
        }
        Path spark = work.resolve("partition-swap/spark");
        Directories.delete(spark);
        mkdirs(spark.resolve("state"));
        run(
                "setup Spark " + scenario,
                contenders.spark(
                        "load-by-day",
                        spark.resolve("state/warehouse"),
                        spark.resolve("state/catalog.db"),
                        data.baseCsv(rows)),
                Contenders.SPARK_ENV);
        Path sparkSaved = spark.resolve("state-base");
        Directories.copy(spark.resolve("state"), sparkSaved);
        Summary peer = repeat(
                scenario,
                "Spark INSERT OVERWRITE (dynamic)",
                () -> Directories.copy(sparkSaved, spark.resolve("state")),
                () -> contenders.spark(
                        "swap-day",
                        spark.resolve("state/warehouse"),
                        spark.resolve("state/catalog.db"),
                        data.dayCsv(rows)),
                Contenders.SPARK_ENV);
        ratios.add(new Ratio(
                "partition swap: Spark / Weir wall time",
                peer.medianSeconds() / swap.medianSeconds(),
                "reported",
                true));
    }

    /** Scenario 6: a PostgreSQL table into Iceberg, against the COPY floor ({@link JdbcExtract}). */
    void jdbcExtract(long rows, PostgresOrders postgres) {
        new JdbcExtract(work, contenders, meter, repetitions, summaries, ratios)
                .run(rows, data.baseCsv(rows), postgres);
    }

    /** Scenario 7: the scheduler's pass time, start delay and memory with {@code pipelines} scheduled pipelines. */
    void scheduler(int pipelines, java.time.Duration window) {
        new SchedulerOverhead(work, contenders, ratios).run(pipelines, window);
    }

    /** Scenario 8: a PostgreSQL table's changes at {@code rate} per second, followed into Iceberg. */
    void cdcStream(PostgresOrders postgres, double rate, java.time.Duration window, java.time.Duration interval) {
        new CdcStream(work, contenders, ratios).run(postgres, rate, window, interval);
    }

    /** Scenario 9: keyed Kafka messages at {@code rate} per second, followed into Iceberg. */
    void kafkaStream(double rate, java.time.Duration window, java.time.Duration interval) {
        new KafkaStream(work, contenders, ratios).run(rate, window, interval);
    }

    /**
     * The same three runs inside one long-lived JVM ({@link WarmRuns}), a warm-up round first: what
     * the work ratio is in the scheduler's process rather than in a fresh process each.
     */
    private void warmUpsert(String scenario, Datasets.Change change, Path project, Path saved, Path reloadProject) {
        Path results = work.resolve("upsert-" + change.name().toLowerCase() + "/warm-runs.txt");
        Measurement process = meter.run(
                "warm " + scenario,
                contenders.warmRuns(project, saved, reloadProject, 1, repetitions, results),
                work,
                NO_ENV);
        Map<String, List<Double>> seconds = new java.util.TreeMap<>();
        try {
            for (String line : Files.readAllLines(results)) {
                String[] parts = line.split(" ");
                seconds.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        double upsert = median(seconds.get("upsert"));
        double noOp = median(seconds.get("no-op"));
        double reload = median(seconds.get("reload"));
        String label = "upsert (" + change.description() + "), warm (one process, as in weir scheduler)";
        ratios.add(new Ratio(label + ": upsert run, median s", upsert, "reported", true));
        ratios.add(new Ratio(label + ": no-op run, median s", noOp, "reported", true));
        ratios.add(new Ratio(label + ": truncate-reload run, median s", reload, "reported", true));
        ratios.add(new Ratio(
                label + ": peak RSS of the process, MB", process.peakRssBytes() / 1024.0 / 1024.0, "reported", true));
        ratios.add(Ratio.atMost(label + ": work / full reload's work", (upsert - noOp) / (reload - noOp), 0.05));
        System.out.printf(
                "%-60s warm: upsert %.2f s, no-op %.2f s, reload %.2f s, work ratio %.3f%n",
                scenario, upsert, noOp, reload, (upsert - noOp) / (reload - noOp));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private Summary repeat(
            String scenario,
            String contender,
            Runnable reset,
            java.util.function.Supplier<List<String>> command,
            Map<String, String> env) {
        List<Measurement> runs = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            reset.run();
            runs.add(meter.run(contender, command.get(), work, env));
        }
        Summary summary = Summary.of(scenario, contender, runs);
        summaries.add(summary);
        System.out.printf(
                "%-60s %-48s median %7.2f s  peak RSS %6.0f MB%n",
                scenario, contender, summary.medianSeconds(), summary.peakRssMegabytes());
        return summary;
    }

    private void run(String label, List<String> command, Map<String, String> env) {
        meter.run(label, command, work, env);
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
