package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDBC extract: a PostgreSQL table of N rows into a new Iceberg table by {@code weir run},
 * against the floor of PostgreSQL's {@code COPY ... TO STDOUT} streamed into DuckDB and Parquet in
 * one JVM ({@link PostgresCopyFloor}). The contenders alternate, each run a fresh process with the
 * heap capped at 512 MB; the GC log of each gives its peak used heap ({@link HeapLog}).
 */
final class JdbcExtract {
    /**
     * The JVM options both contenders run with: the JVM's defaults (G1, C2; {@code WEIR_JAVA_OPTS}
     * replaces the launcher's own), the heap capped.
     */
    static final String JVM = "-Xmx512m";
    /**
     * Weir once more with the launcher's own collector (serial; C2 left on): {@code WEIR_JAVA_OPTS}
     * replaces the launcher's options, so capping the heap alone also swaps its collector for G1.
     */
    static final String SERIAL_JVM = "-XX:+UseSerialGC -Xmx512m";

    private static final Map<String, String> NO_ENV = Map.of();

    private final Path work;
    private final Contenders contenders;
    private final ProcessMeter meter;
    private final int repetitions;
    private final List<Summary> summaries;
    private final List<Ratio> ratios;

    JdbcExtract(
            Path work,
            Contenders contenders,
            ProcessMeter meter,
            int repetitions,
            List<Summary> summaries,
            List<Ratio> ratios) {
        this.work = work;
        this.contenders = contenders;
        this.meter = meter;
        this.repetitions = repetitions;
        this.summaries = summaries;
        this.ratios = ratios;
    }

    /** Loads {@code csv} ({@code rows} generated orders) into {@code postgres}, then measures. */
    void run(long rows, Path csv, PostgresOrders postgres) {
        String scenario = "extract " + Datasets.label(rows) + " rows from PostgreSQL";
        postgres.load(csv, rows);
        Path dir = work.resolve("jdbc-extract");
        Path project = WeirProjects.jdbcExtract(dir.resolve("weir"));
        Path parquet = dir.resolve("floor/orders.parquet");
        Path gcLogs = dir.resolve("gc");
        Directories.delete(gcLogs);
        mkdirs(gcLogs);
        Map<String, String> weirEnv = Map.of(
                "BENCH_PG_PORT", Integer.toString(postgres.port()),
                "BENCH_PG_USER", PostgresOrders.USER,
                "BENCH_PG_PASSWORD", PostgresOrders.PASSWORD);
        List<Measurement> weirRuns = new ArrayList<>();
        List<Measurement> serialRuns = new ArrayList<>();
        List<Measurement> floorRuns = new ArrayList<>();
        List<Double> weirHeap = new ArrayList<>();
        List<Double> serialHeap = new ArrayList<>();
        List<Double> floorHeap = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            Path weirGc = gcLogs.resolve("weir-" + i + ".log");
            weirRuns.add(weir(project, weirEnv, JVM, weirGc));
            weirHeap.add(HeapLog.peakMegabytes(weirGc));

            Directories.delete(parquet.getParent());
            mkdirs(parquet.getParent());
            Path floorGc = gcLogs.resolve("floor-" + i + ".log");
            floorRuns.add(meter.run(
                    "PostgreSQL COPY floor",
                    contenders.postgresCopy(postgres.url(), parquet, JVM + " " + HeapLog.options(floorGc)),
                    work,
                    NO_ENV));
            floorHeap.add(HeapLog.peakMegabytes(floorGc));

            Path serialGc = gcLogs.resolve("weir-serial-" + i + ".log");
            serialRuns.add(weir(project, weirEnv, SERIAL_JVM, serialGc));
            serialHeap.add(HeapLog.peakMegabytes(serialGc));
        }
        Summary weir = summarise(scenario, "weir run (jdbc, append), " + JVM, weirRuns);
        Summary floor = summarise(
                scenario, "COPY TO STDOUT via CopyManager -> DuckDB read_csv (pipe) -> Parquet, " + JVM, floorRuns);
        Summary serial = summarise(scenario, "weir run (jdbc, append), " + SERIAL_JVM, serialRuns);

        long loaded = rowsInWeirsTable(project, weirEnv);
        ratios.add(new Ratio(
                "jdbc extract: rows in Weir's table / rows in PostgreSQL",
                (double) loaded / rows,
                "1",
                loaded == rows));
        double weirRate = rows / weir.medianSeconds();
        double floorRate = rows / floor.medianSeconds();
        double serialRate = rows / serial.medianSeconds();
        ratios.add(new Ratio("jdbc extract: Weir rows/s (median)", weirRate, "reported", true));
        ratios.add(new Ratio("jdbc extract: floor rows/s (median)", floorRate, "reported", true));
        ratios.add(Ratio.atLeast("jdbc extract: Weir / floor rows/s", weirRate / floorRate, 0.8));
        ratios.add(Ratio.atMost("jdbc extract: Weir peak used heap MB (GC log, median)", median(weirHeap), 512));
        ratios.add(new Ratio(
                "jdbc extract: floor peak used heap MB (GC log, median)", median(floorHeap), "reported", true));
        ratios.add(
                new Ratio("jdbc extract: Weir with " + SERIAL_JVM + " rows/s (median)", serialRate, "reported", true));
        ratios.add(Ratio.atLeast(
                "jdbc extract: Weir with " + SERIAL_JVM + " / floor rows/s", serialRate / floorRate, 0.8));
        ratios.add(Ratio.atMost(
                "jdbc extract: Weir with " + SERIAL_JVM + " peak used heap MB (GC log, median)",
                median(serialHeap),
                512));
    }

    /** One fresh {@code weir run} into an empty lakehouse, its GC log written to {@code gcLog}. */
    private Measurement weir(Path project, Map<String, String> env, String jvmOptions, Path gcLog) {
        Directories.delete(project.resolve(".weir"));
        Map<String, String> withJvm = new HashMap<>(env);
        withJvm.put("WEIR_JAVA_OPTS", jvmOptions + " " + HeapLog.options(gcLog));
        return meter.run("weir run (jdbc)", contenders.weir(project, "run"), work, withJvm);
    }

    /** The rows of {@code bench.orders} that the last run left, as {@code weir query} counts them. */
    private long rowsInWeirsTable(Path project, Map<String, String> env) {
        Path log = meter.runForOutput(
                "check",
                contenders.weir(project, "query", "SELECT 'rows ' || count(*) AS r FROM bench.orders"),
                work,
                env);
        try {
            String line = Files.readAllLines(log).stream()
                    .filter(l -> l.startsWith("rows "))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no row count in " + log));
            return Long.parseLong(line.trim().split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Summary summarise(String scenario, String contender, List<Measurement> runs) {
        Summary summary = Summary.of(scenario, contender, runs);
        summaries.add(summary);
        System.out.printf(
                "%-60s %-48s median %7.2f s  peak RSS %6.0f MB%n",
                scenario, contender, summary.medianSeconds(), summary.peakRssMegabytes());
        return summary;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
