package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.Tick;
import dev.weir.runtime.WeirRuntime;
import dev.weir.scheduler.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two working directories of the shop demo, as two machines of a team would have, sharing one
 * PostgreSQL metastore and one absolute warehouse: what one runs, the other sees and goes on from.
 */
class SharedStateIT {
    private static final Path SHOP =
            Path.of("..", "examples", "shop").toAbsolutePath().normalize();
    private static final String USER = "weir_team";
    private static final String PASSWORD = "planted-S3cret-4711";

    @TempDir
    Path dir;

    private CliProject a;
    private CliProject b;
    private String url;

    @BeforeEach
    void twoWorkingDirectories() {
        url = SharedPostgres.newDatabase(USER, PASSWORD);
        Path warehouse = dir.resolve("shared-warehouse");
        a = workingDirectory("a", url, warehouse);
        b = workingDirectory("b", url, warehouse);
    }

    @Test
    void whatOneDirectoryRunsTheOtherSeesAndGoesOnFrom() {
        CliProject.Result bronze = a.weir("run", "bronze_orders", "bronze_customers");
        assertThat(bronze.exitCode()).as("%s", bronze).isZero();
        CliProject.Result silver = b.weir("run", "silver_customers", "silver_orders");
        assertThat(silver.exitCode()).as("%s", silver).isZero();

        CliProject.Result runsInA = a.weir("runs");
        CliProject.Result runsInB = b.weir("runs");
        assertThat(runsInA.out())
                .contains("bronze_orders", "bronze_customers", "silver_customers", "silver_orders")
                .isEqualTo(runsInB.out());
        CliProject.Result historyInA = a.weir("table", "history", "silver.orders");
        assertThat(historyInA.exitCode()).as("%s", historyInA).isZero();
        assertThat(historyInA.out())
                .isEqualTo(b.weir("table", "history", "silver.orders").out());

        CliProject.Result rerun = b.weir("run", "bronze_orders");
        assertThat(rerun.exitCode()).as("%s", rerun).isZero();
        try (WeirRuntime runtime = runtime(dir.resolve("b"))) {
            List<RunRecord> runs = runtime.metastore().recentRuns(Optional.of("bronze_orders"), 2);
            assertThat(runs).extracting(RunRecord::rowsExtracted).first().isEqualTo(0L);
            assertThat(runs.get(1).rowsExtracted()).isPositive();
        }
        CliProject.Result doctor = b.weir("doctor");
        assertThat(doctor.exitCode()).as("%s", doctor).isZero();
        assertThat(doctor.out())
                .contains("ok      database " + url + " (catalog and metastore): reachable, catalog tables present")
                .contains("ok      metastore: readable, latest run");
        for (CliProject.Result result : List.of(bronze, silver, runsInA, runsInB, historyInA, rerun, doctor)) {
            assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void ofTwoSchedulersOneInEachDirectoryOnlyTheLeaseHolderRunsTicks() {
        try (WeirRuntime inA = runtime(dir.resolve("a"));
                WeirRuntime inB = runtime(dir.resolve("b"));
                Scheduler first = new Scheduler(inA, settings("a"), Clock.systemUTC());
                Scheduler second = new Scheduler(inB, settings("b"), Clock.systemUTC())) {
            assertThat(first.step()).isTrue();
            for (int pass = 0; pass < 3; pass++) {
                assertThat(second.step()).isFalse();
                assertThat(first.step()).isTrue();
            }
            assertThat(inB.metastore().schedules().lease())
                    .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("a"));

            first.stop(); // gives the lease up: the other directory's scheduler takes over at once
            assertThat(second.step()).isTrue();
            List<Tick> ticks = inA.metastore().schedules().recentTicks(Optional.empty(), 1_000);
            assertThat(ticks).allSatisfy(t -> assertThat(t.runIds().size()).isLessThanOrEqualTo(t.attempts()));
        }
    }

    @Test
    void doctorSaysInOneLineThatTheServerIsDownAndNamesNoPassword() throws IOException {
        Path down = dir.resolve("down");
        CliProject project = workingDirectory("down", "jdbc:postgresql://localhost:1/weir", dir.resolve("w"));

        CliProject.Result doctor = project.weir("doctor");

        assertThat(doctor.exitCode()).as("%s", doctor).isEqualTo(1);
        assertThat(doctor.err())
                .startsWith("error: Cannot connect to metastore jdbc:postgresql://localhost:1/weir as weir_team: ")
                .contains("hint: check that the PostgreSQL server is running")
                .doesNotContain(PASSWORD)
                .doesNotContain("\tat ");
        assertThat(doctor.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
        assertThat(Files.exists(down.resolve(".weir/weir.db"))).isFalse();
    }

    private CliProject workingDirectory(String name, String metastore, Path warehouse) {
        Path root = dir.resolve(name);
        for (String part : List.of("weir.yaml", "pipelines", "contracts", "sql", "data")) {
            copy(SHOP.resolve(part), root.resolve(part));
        }
        try {
            Files.writeString(
                    root.resolve("weir.yaml"),
                    Files.readString(root.resolve("weir.yaml"))
                            + "metastore: " + metastore + "\n"
                            + "metastore_user: " + USER + "\n"
                            + "metastore_password: \"${env:WEIR_METASTORE_PASSWORD}\"\n"
                            + "warehouse: " + warehouse + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CliProject(root, Map.of("WEIR_METASTORE_PASSWORD", PASSWORD));
    }

    private static WeirRuntime runtime(Path root) {
        return WeirRuntime.options(root)
                .environment(name -> Optional.ofNullable(name.equals("WEIR_METASTORE_PASSWORD") ? PASSWORD : null))
                .open();
    }

    private static Scheduler.Settings settings(String holder) {
        return new Scheduler.Settings(holder, Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(10));
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
