package dev.weir.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.TableAttacher;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code load.strategy: scd2} against a brute-force oracle: versions of customers delivered in
 * random order over several runs, late ones older than the current version, re-sent ones and ones
 * that change nothing, leave exactly the history the oracle computes from all versions at once.
 */
class SlowlyChangingHistoryIT {
    private static final String HEADER = "customer_id,name,tier,updated_at\n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String OPEN_END = "9999-12-31 00:00:00";

    @TempDir
    Path dir;

    /** One version of a customer as the source sends it. */
    private record Version(int customer, String name, String tier, LocalDateTime updatedAt) {
        String csv() {
            return customer + "," + name + "," + tier + "," + TIME.format(updatedAt) + "\n";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"merge-on-read", "copy-on-write"})
    void versionsArrivingInAnyOrderOverManyRunsLeaveTheHistoryTheOracleComputes(String mode) throws IOException {
        Random random = new Random(42);
        List<Version> pool = pool(random);
        List<Version> delivered = new ArrayList<>(pool);
        Collections.shuffle(delivered, random);
        delivered.addAll(pool.subList(0, 15)); // re-sent versions
        Path project = project("oracle", mode, "");
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            int file = 0;
            for (int from = 0; from < delivered.size(); from += 11) {
                StringBuilder batch = new StringBuilder(HEADER);
                Set<String> seen = new LinkedHashSet<>();
                delivered.subList(from, Math.min(from + 11, delivered.size())).stream()
                        .filter(v -> seen.add(v.customer() + "@" + v.updatedAt()))
                        .forEach(v -> batch.append(v.csv()));
                write(project, "data/customers/" + (file++) + ".csv", batch.toString());
                PipelineResult result = runtime.run(List.of()).get(0);
                assertThat(result.record().status()).as(result.toString()).isEqualTo(RunStatus.SUCCESS);
            }
            List<List<String>> loaded = history(runtime);

            assertThat(oracle(pool, true)).as("a history with closed versions").hasSizeGreaterThan(50);
            assertThat(loaded).isEqualTo(oracle(pool, true));

            write(
                    project,
                    "data/customers/" + file + ".csv",
                    HEADER + pool.get(3).csv() + pool.get(7).csv());
            PipelineResult again = runtime.run(List.of()).get(0);

            assertThat(again.record().rowsExtracted()).isEqualTo(2);
            assertThat(again.rowsWritten())
                    .as("versions the table holds already change nothing")
                    .isZero();
            assertThat(history(runtime)).isEqualTo(loaded);
        }
    }

    @Test
    void aLateVersionBetweenTwoEqualOnesSplitsTheHistoryWhereItBelongs() throws IOException {
        Path project = project("flip_flop", "merge-on-read", "");
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            write(
                    project,
                    "data/customers/0.csv",
                    HEADER + "1,Ann,gold,2024-01-01 00:00:00\n1,Ann,gold,2024-03-01 00:00:00\n");
            runtime.run(List.of());
            assertThat(history(runtime))
                    .containsExactly(List.of("1", "Ann", "gold", "2024-01-01 00:00:00", OPEN_END, "true"));
            write(project, "data/customers/1.csv", HEADER + "1,Ann,silver,2024-02-01 00:00:00\n");
            runtime.run(List.of());

            assertThat(history(runtime))
                    .containsExactly(
                            List.of("1", "Ann", "gold", "2024-01-01 00:00:00", "2024-02-01 00:00:00", "false"),
                            List.of("1", "Ann", "silver", "2024-02-01 00:00:00", "2024-03-01 00:00:00", "false"),
                            List.of("1", "Ann", "gold", "2024-03-01 00:00:00", OPEN_END, "true"));
        }
    }

    @Test
    void aChangeOfAnUntrackedColumnAloneIsNoNewVersion() throws IOException {
        Path project = project("tracked", "merge-on-read", "  track_columns: [tier]\n");
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            write(project, "data/customers/0.csv", HEADER + "1,Ann,gold,2024-01-01 00:00:00\n");
            runtime.run(List.of());
            write(project, "data/customers/1.csv", HEADER + "1,Ann B.,gold,2024-02-01 00:00:00\n");
            runtime.run(List.of());
            write(project, "data/customers/2.csv", HEADER + "1,Ann B.,silver,2024-03-01 00:00:00\n");
            runtime.run(List.of());

            assertThat(history(runtime))
                    .containsExactly(
                            List.of("1", "Ann", "gold", "2024-01-01 00:00:00", "2024-03-01 00:00:00", "false"),
                            List.of("1", "Ann B.", "silver", "2024-03-01 00:00:00", OPEN_END, "true"));
        }
    }

    @Test
    void twoDifferentVersionsOfAKeyAtTheSameTimeFailTheRunSayingWhy() throws IOException {
        Path project = project("tied", "merge-on-read", "");
        write(
                project,
                "data/customers/0.csv",
                HEADER + "1,Ann,gold,2024-01-01 00:00:00\n1,Ann,silver,2024-01-01 00:00:00\n");
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            PipelineResult result = runtime.run(List.of()).get(0);

            assertThat(result.record().status()).isEqualTo(RunStatus.FAILED);
            assertThat(result.failure().orElseThrow().getMessage())
                    .isEqualTo("Cannot scd2 into silver.customers: 2 different rows of the batch share their merge key"
                            + " [customer_id] and the time they became valid, so neither comes first");
        }
    }

    @Test
    void withoutSequenceByAVersionIsValidFromTheStartOfTheRunThatLoadedIt() throws IOException {
        Path project = dir.resolve("run_time");
        write(project, "weir.yaml", "name: run_time\n");
        write(project, "pipelines/silver_customers.yaml", """
                pipeline: {name: silver_customers}
                extract:
                  source_system: files
                  connection: data/customers.csv
                  format: csv
                  strategy: full
                  columns: {customer_id: BIGINT, tier: VARCHAR}
                load: {target: silver.customers, strategy: scd2, merge_keys: [customer_id]}
                """);
        try (WeirRuntime runtime = WeirRuntime.options(project).open()) {
            write(project, "data/customers.csv", "customer_id,tier\n1,gold\n2,silver\n");
            PipelineResult first = runtime.run(List.of()).get(0);
            PipelineResult unchanged = runtime.run(List.of()).get(0);
            write(project, "data/customers.csv", "customer_id,tier\n1,gold\n2,bronze\n");
            PipelineResult changed = runtime.run(List.of()).get(0);

            assertThat(first.record().rowsLoaded()).isEqualTo(2);
            assertThat(unchanged.rowsWritten())
                    .as("the same rows again are no new version")
                    .isZero();
            assertThat(changed.rowsWritten()).as("customer 2's two versions").isEqualTo(2);
            assertThat(query(
                            runtime,
                            "SELECT customer_id, tier, valid_from = (SELECT min(valid_from) FROM silver.customers),"
                                    + " CAST(valid_to AS VARCHAR) LIKE '9999-12-31%', is_current FROM silver.customers"
                                    + " ORDER BY customer_id, valid_from"))
                    .containsExactly(
                            List.of("1", "gold", "true", "true", "true"),
                            List.of("2", "silver", "true", "false", "false"),
                            List.of("2", "bronze", "false", "true", "true"));
            assertThat(query(
                            runtime,
                            "SELECT count(*) FROM silver.customers WHERE valid_from = TIMESTAMPTZ '"
                                    + changed.record().startedAt() + "'"))
                    .containsExactly(List.of("1"));
        }
    }

    /** 30 customers with 1 to 6 versions each, some of which change nothing but the time. */
    private static List<Version> pool(Random random) {
        List<Version> pool = new ArrayList<>();
        String[] names = {"Ann", "Bob", "Cy", "Di"};
        String[] tiers = {"bronze", "silver", "gold"};
        for (int customer = 1; customer <= 30; customer++) {
            LocalDateTime at = LocalDateTime.of(2024, 1, 1, 0, 0).plusHours(random.nextInt(48));
            String name = names[random.nextInt(names.length)];
            String tier = tiers[random.nextInt(tiers.length)];
            for (int v = 0, n = 1 + random.nextInt(6); v < n; v++) {
                if (random.nextInt(3) == 0) {
                    tier = tiers[random.nextInt(tiers.length)]; // sometimes the same tier again: no change
                }
                if (random.nextInt(4) == 0) {
                    name = names[random.nextInt(names.length)];
                }
                pool.add(new Version(customer, name, tier, at));
                at = at.plusMinutes(1 + random.nextInt(600));
            }
        }
        return pool;
    }

    /** The history computed at once from every version: each key's versions in time order, a change kept. */
    private static List<List<String>> oracle(List<Version> versions, boolean trackName) {
        Map<Integer, List<Version>> byCustomer = new TreeMap<>();
        versions.forEach(v ->
                byCustomer.computeIfAbsent(v.customer(), c -> new ArrayList<>()).add(v));
        List<List<String>> rows = new ArrayList<>();
        for (List<Version> all : byCustomer.values()) {
            all.sort(Comparator.comparing(Version::updatedAt));
            List<Version> kept = new ArrayList<>();
            for (Version v : all) {
                Version previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
                boolean changed = previous == null
                        || !previous.tier().equals(v.tier())
                        || (trackName && !previous.name().equals(v.name()));
                if (changed) {
                    kept.add(v);
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                Version v = kept.get(i);
                boolean current = i == kept.size() - 1;
                rows.add(List.of(
                        Integer.toString(v.customer()),
                        v.name(),
                        v.tier(),
                        TIME.format(v.updatedAt()),
                        current ? OPEN_END : TIME.format(kept.get(i + 1).updatedAt()),
                        Boolean.toString(current)));
            }
        }
        return rows;
    }

    private static List<List<String>> history(WeirRuntime runtime) {
        return query(
                runtime,
                "SELECT customer_id, name, tier, CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR),"
                        + " CAST(is_current AS VARCHAR) FROM silver.customers ORDER BY customer_id, valid_from");
    }

    private static List<List<String>> query(WeirRuntime runtime, String sql) {
        try (EngineSession session =
                runtime.engine().openSession(runtime.project().stateDir().resolve("scratch-test"))) {
            new TableAttacher(runtime.tables()).attachAll(session);
            return session.query(sql, 100_000).rows();
        }
    }

    private Path project(String name, String mode, String extraLoadKeys) throws IOException {
        Path project = dir.resolve(name);
        write(project, "weir.yaml", "name: " + name + "\n");
        write(project, "pipelines/silver_customers.yaml", """
                pipeline: {name: silver_customers}
                extract:
                  source_system: files
                  connection: "data/customers/*.csv"
                  format: csv
                  strategy: incremental
                  new_files: true
                  columns: {customer_id: BIGINT, name: VARCHAR, tier: VARCHAR, updated_at: TIMESTAMP}
                load:
                  target: silver.customers
                  strategy: scd2
                  merge_keys: [customer_id]
                  sequence_by: updated_at
                  merge_mode: %s
                %s""".formatted(mode, extraLoadKeys));
        return project;
    }

    private static void write(Path project, String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
