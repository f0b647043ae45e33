package dev.weir.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The command lines of the contenders: Weir (its real launcher), the raw DuckDB and PostgreSQL COPY floors, and Spark + Iceberg. */
final class Contenders {
    /** The module flags Spark's own launcher passes on Java 17 (its JavaModuleOptions). */
    private static final List<String> SPARK_JAVA_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    static final Map<String, String> SPARK_ENV = Map.of("SPARK_LOCAL_IP", "127.0.0.1");

    private final Path repo;
    private final String java;
    private final String harnessClasspath;
    private final String sparkClasspath;

    /** @param withSpark whether the Spark peer runs (its jar must then be built) */
    Contenders(Path repo, boolean withSpark) {
        this.repo = repo;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.harnessClasspath = System.getProperty("java.class.path");
        this.sparkClasspath = withSpark ? sparkClasspath(repo.resolve("bench/spark-peer/target")) : null;
    }

    boolean withSpark() {
        return sparkClasspath != null;
    }

    /** {@code bin/weir --project <project> args...}: what a user runs. */
    List<String> weir(Path project, String... args) {
        List<String> command = new ArrayList<>(List.of(repo.resolve("bin/weir").toString()));
        if (project != null) {
            command.addAll(List.of("--project", project.toString()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@link WarmRuns} in a JVM of its own on Weir's distribution class path, laid out as
     * {@code bin/weir} lays it out (the DuckDB driver's classes apart from its unpacked native
     * library), with the options the launcher gives a long-lived command such as {@code weir scheduler}.
     */
    List<String> warmRuns(Path upsert, Path saved, Path reload, int warmUps, int rounds, Path results) {
        Path dist = repo.resolve("weir-cli/target");
        String harnessClasses = Path.of(URI.create(WarmRuns.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toString()))
                .toString();
        String classpath = String.join(
                File.pathSeparator,
                harnessClasses,
                onlyJar(dist, "weir-cli-[^-]+(-SNAPSHOT)?\\.jar").toString(),
                dist.resolve("lib/*").toString(),
                onlyJar(dist.resolve("duckdb"), "weir-cli-.*-duckdb-classes\\.jar")
                        .toString());
        Path natives = dist.resolve("native");
        return List.of(
                java,
                "-XX:+UseSerialGC",
                "-Xms64m",
                "-Xmn24m",
                "-Djava.library.path=" + natives,
                "-Dorg.sqlite.lib.path=" + natives,
                "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
                "-Dorg.xerial.snappy.use.systemlib=true",
                "-cp",
                classpath,
                WarmRuns.class.getName(),
                upsert.toString(),
                saved.toString(),
                reload.toString(),
                Integer.toString(warmUps),
                Integer.toString(rounds),
                results.toString());
    }

    private static Path onlyJar(Path dir, String pattern) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(pattern))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No jar like " + pattern + " in " + dir
                            + ": build the distribution first (bin/weir --version)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The floor: one DuckDB JDBC process reading the CSV and writing zstd Parquet. */
    List<String> duckdbCopy(Path csv, Path parquet) {
        return List.of(
                java,
                "-XX:+UseSerialGC",
                "-cp",
                harnessClasspath,
                DuckDbFloor.class.getName(),
                csv.toString(),
                parquet.toString());
    }

    /** The JDBC extract's floor: {@code COPY ... TO STDOUT} through pgjdbc into DuckDB and Parquet, in one JVM. */
    List<String> postgresCopy(String url, Path parquet, String jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions.split(" ")));
        command.addAll(List.of(
                "-cp",
                harnessClasspath,
                PostgresCopyFloor.class.getName(),
                url,
                PostgresOrders.USER,
                PostgresOrders.PASSWORD,
                parquet.toString(),
                "pipe"));
        return command;
    }

    /** The peer: Spark 3.5 local[2] with Iceberg's Spark runtime against a JDBC catalog in SQLite. */
    List<String> spark(String mode, Path warehouse, Path catalogDb, Path input) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(SPARK_JAVA_OPTIONS);
        command.addAll(List.of(
                "-cp",
                sparkClasspath,
                "dev.weir.bench.spark.SparkIcebergJob",
                mode,
                warehouse.toString(),
                catalogDb.toString(),
                input.toString()));
        return command;
    }

    private static String sparkClasspath(Path target) {
        try (Stream<Path> jars = Files.list(target)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("weir-bench-spark-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "Build bench/spark-peer first (bench/run does): no jar in " + target));
            return jar
                    + File.pathSeparator
                    + Files.readString(target.resolve("classpath.txt")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Build bench/spark-peer first (bench/run does): " + e.getMessage(), e);
        }
    }
}
