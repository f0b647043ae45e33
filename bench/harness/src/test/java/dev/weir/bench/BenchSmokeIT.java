package dev.weir.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every scenario of the harness at a tiny size, once (one embedded PostgreSQL for the JDBC extract),
 * so the harness cannot rot. It measures nothing worth reading and asserts no time: the real runs
 * are `bench/run`.
 */
class BenchSmokeIT {
    @TempDir
    Path work;

    @Test
    void everyScenarioRunsEveryContenderAndTheReportListsThem() throws Exception {
        Path repo = Path.of(System.getProperty("weir.repo")).toAbsolutePath().normalize();
        // bin/weir rebuilds when sources look newer than its last build; the reactor has just built it.
        Files.createDirectories(repo.resolve("weir-cli/target/lib"));
        Files.writeString(repo.resolve("weir-cli/target/lib/.built"), "");
        Path results = work.resolve("results.md");

        int exit = new CommandLine(new BenchMain())
                .execute(
                        "--repo",
                        repo.toString(),
                        "--rows",
                        "5000",
                        "--scale-rows",
                        "8000",
                        "--reps",
                        "1",
                        "--scheduler-pipelines",
                        "20",
                        "--scheduler-seconds",
                        "12",
                        "--stream-rate",
                        "500",
                        "--stream-seconds",
                        "8",
                        "--stream-interval",
                        "2",
                        "--work",
                        work.resolve("work").toString(),
                        "--results",
                        results.toString());

        assertThat(exit).isZero();
        String report = Files.readString(results);
        assertThat(report)
                .contains("| full load, 5k rows CSV | weir run (append) | 1 |")
                .contains("| full load, 5k rows CSV | raw DuckDB COPY to Parquet, Weir's CSV options | 1 |")
                .contains("| full load, 5k rows CSV | Spark 3.5 + Iceberg (local[2]) | 1 |")
                .contains("changed keys among recent orders | weir run (upsert) | 1 |")
                .contains("changed keys spread uniformly | Spark MERGE INTO (copy-on-write) | 1 |")
                .contains("| weir --help | weir --help | 1 |")
                .contains("| scheduler, 20 pipelines: mean pass time, ms |")
                .contains("| scheduler, 2 pipelines: mean delay from scheduled time to run start, ms |")
                .contains("| full load, 8k rows CSV, -Xmx1g | weir run (append), -Xmx1g | 1 |")
                .contains("| partition swap of one day in 5k rows | Spark INSERT OVERWRITE (dynamic) | 1 |")
                .contains(
                        "| upsert (changed keys spread uniformly): work / full reload's work, cold (a fresh process each) |")
                .contains(
                        "| upsert (changed keys among recent orders), warm (one process, as in weir scheduler): work /"
                                + " full reload's work |")
                .contains("| extract 5k rows from PostgreSQL | weir run (jdbc, append), -Xmx512m | 1 |")
                .contains(
                        "| extract 5k rows from PostgreSQL | weir run (jdbc, append), -XX:+UseSerialGC -Xmx512m | 1 |")
                .contains(
                        "| extract 5k rows from PostgreSQL | COPY TO STDOUT via CopyManager -> DuckDB read_csv (pipe)")
                .contains("| jdbc extract: rows in Weir's table / rows in PostgreSQL | 1.000 | 1 | yes |")
                .contains("| jdbc extract: Weir / floor rows/s |")
                .contains(
                        "| upsert (changed keys among recent orders): rows Spark / Weir read from Weir's table | 1.000 | 1, same keys and sum | yes |")
                .contains(
                        "| upsert (changed keys spread uniformly): rows Spark / Weir read from Weir's table | 1.000 | 1, same keys and sum | yes |")
                .contains(
                        "| cdc stream from PostgreSQL, 500 changes/s offered: p95 latency, source commit to Iceberg commit, s |")
                .contains(
                        "| cdc stream from PostgreSQL, 500 changes/s offered: rows in Weir's table / rows in PostgreSQL, off by | 0.000 | <= 0.0 | yes |")
                .contains("| kafka stream, 500 messages/s offered: p95 latency, source commit to Iceberg commit, s |")
                .contains(
                        "| kafka stream, 500 messages/s offered: rows in Weir's table / keys sent, off by | 0.000 | <= 0.0 | yes |");
    }
}
