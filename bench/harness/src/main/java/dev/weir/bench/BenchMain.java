package dev.weir.bench;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Weir, raw DuckDB and Spark + Iceberg side by side and writes a Markdown table of medians,",
            "min, max, wall time and peak RSS of each process tree, with the targets each ratio is held to."
        })
public final class BenchMain implements Callable<Integer> {
    @Option(
            names = "--repo",
            description = "The Weir checkout (holds bin/weir and the built spark peer).",
            defaultValue = ".")
    Path repo;

    @Option(
            names = "--rows",
            description = "Rows of the main scenarios (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000000")
    long rows;

    @Option(
            names = "--scale-rows",
            description = "Rows of the -Xmx1g scale scenario (default: ${DEFAULT-VALUE}).",
            defaultValue = "100000000")
    long scaleRows;

    @Option(
            names = "--scheduler-pipelines",
            description = "Pipelines of the scheduler scenario's large project (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int schedulerPipelines;

    @Option(
            names = "--scheduler-seconds",
            description = "How long each scheduler of the scheduler scenario runs (default: ${DEFAULT-VALUE}).",
            defaultValue = "60")
    int schedulerSeconds;

    @Option(
            names = "--stream-rate",
            description = "Changes (or messages) per second the stream scenarios write to their source"
                    + " (default: ${DEFAULT-VALUE}, 5% above the goal of 20,000: the rate committed is measured"
                    + " between commits and cannot exceed the rate offered).",
            defaultValue = "21000")
    double streamRate;

    @Option(
            names = "--stream-seconds",
            description = "How long the stream scenarios write to their source (default: ${DEFAULT-VALUE}).",
            defaultValue = "60")
    int streamSeconds;

    @Option(
            names = "--stream-interval",
            description = "The follow interval of the stream scenarios, in seconds (default: ${DEFAULT-VALUE},"
                    + " Weir's default).",
            defaultValue = "10")
    int streamInterval;

    @Option(
            names = "--reps",
            description = "Repetitions of every measurement (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int repetitions;

    @Option(names = "--work", description = "Where data and states are kept (default: bench/work).")
    Path work;

    @Option(names = "--results", description = "Results file (default: bench/results/<date>-<machine>.md).")
    Path results;

    @Option(
            names = "--scenarios",
            split = ",",
            description = "Any of: full-load, upsert, no-op, scale, partition-swap, jdbc-extract, scheduler,"
                    + " cdc-stream, kafka-stream (default: all).",
            defaultValue = "full-load,upsert,no-op,scale,partition-swap,jdbc-extract,scheduler,cdc-stream,kafka-stream")
    List<String> scenarios;

    @Option(
            names = "--without-spark",
            description = "Leave the Spark peer out (and the ratios against it): Weir against its floors only.")
    boolean withoutSpark;

    @Override
    public Integer call() throws Exception {
        Path root = repo.toAbsolutePath().normalize();
        Path workDir = work != null ? work : root.resolve("bench/work");
        String machine = InetAddress.getLocalHost().getHostName();
        Path out = results != null ? results : root.resolve("bench/results/" + LocalDate.now() + "-" + machine + ".md");
        ProcessMeter meter = new ProcessMeter(workDir.resolve("logs"));
        try (DataGenerator generator = new DataGenerator(workDir.resolve("tmp"))) {
            Bench bench = new Bench(
                    workDir,
                    new Contenders(root, !withoutSpark),
                    meter,
                    new Datasets(workDir.resolve("data"), generator),
                    repetitions);
            if (scenarios.contains("full-load")) {
                bench.fullLoad(rows);
            }
            if (scenarios.contains("upsert")) {
                bench.upsert(rows, Datasets.Change.RECENT);
                bench.upsert(rows, Datasets.Change.UNIFORM);
            }
            if (scenarios.contains("no-op")) {
                bench.help();
            }
            if (scenarios.contains("scale")) {
                bench.scale(scaleRows);
            }
            if (scenarios.contains("partition-swap")) {
                bench.partitionSwap(rows);
            }
            java.time.Duration streamWindow = java.time.Duration.ofSeconds(streamSeconds);
            java.time.Duration followInterval = java.time.Duration.ofSeconds(streamInterval);
            if (scenarios.contains("jdbc-extract") || scenarios.contains("cdc-stream")) {
                try (PostgresOrders postgres = PostgresOrders.start(workDir.resolve("postgres"))) {
                    if (scenarios.contains("jdbc-extract")) {
                        bench.jdbcExtract(rows, postgres);
                    }
                    if (scenarios.contains("cdc-stream")) {
                        bench.cdcStream(postgres, streamRate, streamWindow, followInterval);
                    }
                }
            }
            if (scenarios.contains("kafka-stream")) {
                bench.kafkaStream(streamRate, streamWindow, followInterval);
            }
            if (scenarios.contains("scheduler")) {
                bench.scheduler(schedulerPipelines, java.time.Duration.ofSeconds(schedulerSeconds));
            }
            String header = "# Weir benchmark, " + LocalDate.now() + ", " + machine + "\n\n"
                    + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + Math.round(physicalMemoryGib()) + " GiB; Java " + System.getProperty("java.version")
                    + "; each figure is over " + repetitions
                    + " runs, a fresh process each, from the same starting state.\n"
                    + "Contenders: `bin/weir` (DuckDB engine), raw DuckDB JDBC `COPY ... TO parquet` in one JVM, "
                    + "Spark 3.5.7 local[2] with Iceberg 1.10.1 (JDBC catalog in SQLite); "
                    + "for the JDBC extract, embedded PostgreSQL 17.6 (zonky) on this machine and PostgreSQL's COPY TO STDOUT"
                    + " through pgjdbc's CopyManager into DuckDB in one JVM. "
                    + "The stream scenarios follow that PostgreSQL's logical WAL and a one-node KRaft Kafka "
                    + streamKafkaVersion()
                    + " broker in the harness's JVM with `weir run --follow --interval " + streamInterval + "s`; a"
                    + " change's latency runs from its source commit (or send) to the Iceberg commit that first held it. "
                    + "Peak RSS is the largest sum of resident memory over the process tree, sampled every 10 ms (the tree itself"
                    + " looked up every 100 ms).";
            Path written = Report.write(out, header, bench.summaries(), bench.ratios());
            System.out.println("results: " + written);
        }
        return 0;
    }

    private static String streamKafkaVersion() {
        return org.apache.kafka.common.utils.AppInfoParser.getVersion();
    }

    private static double physicalMemoryGib() {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
