package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a killed commit leaves that nothing references (manifests, manifest lists, metadata
 * files) are removed by the run that closes the dead one; {@code weir doctor} finds those nothing
 * can attribute to a run (the metastore lost its record) and {@code --fix} removes the old ones.
 */
class LeakedFilesIT {
    private static final String ORDERS_METADATA = ".weir/warehouse/silver/orders/metadata";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static UninterruptedDemo uninterrupted;

    @BeforeAll
    static void runTheDemoWithoutInterruption() {
        uninterrupted = UninterruptedDemo.runIn(shared.resolve("reference"));
    }

    @Test
    void theManifestsOfACommitCutShortByAKillAreRemovedByTheNextRun() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();
        Weir.Result killed =
                Weir.run(demo.root(), Map.of("WEIR_FAIL_POINT", "after-write-before-commit@silver_orders"), "run");
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        // what Iceberg writes before the catalog takes the new metadata file: a manifest, a manifest list
        Path manifest = demo.root().resolve(ORDERS_METADATA + "/2c1f0e6a-5b1d-4d0e-9a57-0f2b8d1e7c11-m0.avro");
        Path manifestList = demo.root()
                .resolve(ORDERS_METADATA + "/snap-4242424242424242424-1-2c1f0e6a-5b1d-4d0e-9a57-0f2b8d1e7c11.avro");
        Files.writeString(manifest, "Obj\u0001 cut short");
        Files.writeString(manifestList, "Obj\u0001 cut short");

        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(manifest).doesNotExist();
        assertThat(manifestList).doesNotExist();
        assertThat(demo.runRecords().stream()
                        .filter(r -> r.get("status").asText().equals("killed"))
                        .findFirst()
                        .orElseThrow()
                        .get("error_message")
                        .asText())
                .containsPattern("[1-9][0-9]* uncommitted files removed");
        uninterrupted.assertConverged(demo);
    }

    @Test
    void doctorFindsFilesNothingReferencesAndFixRemovesThoseOlderThanTheSafetyAge() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        Map<String, String> tables;
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            tables = lake.digests();
        }
        Path oldManifest = plant(demo, ORDERS_METADATA + "/0f0e0d0c-aaaa-bbbb-cccc-000000000001-m0.avro", 2);
        Path oldData = plant(demo, ".weir/warehouse/silver/orders/data/20240101T000000Z-deadbeef-0.parquet", 3);
        Path young = plant(demo, ORDERS_METADATA + "/0f0e0d0c-aaaa-bbbb-cccc-000000000002-m0.avro", 0);

        Weir.Result check = Weir.run(demo.root(), "doctor");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out())
                .containsPattern("PROBLEM files of table silver.orders: 2 files \\([0-9]+ bytes, written .+\\) that"
                        + " nothing references, e.g. .+; 1 written in the last 1d are left alone \\(a commit in"
                        + " progress writes such files\\); repair: weir doctor --fix")
                .contains("1 problem found.");
        assertThat(oldManifest).exists();

        Weir.Result fix = Weir.run(demo.root(), "doctor", "--fix");

        assertThat(fix.exitCode()).as(fix.toString()).isZero();
        assertThat(fix.out()).containsPattern("fixed +files of table silver.orders: removed 2 files");
        assertThat(oldManifest).doesNotExist();
        assertThat(oldData).doesNotExist();
        assertThat(young).exists();

        Weir.Result all = Weir.run(demo.root(), "doctor", "--fix", "--older-than", "0s");

        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(young).doesNotExist();
        assertThat(Weir.run(demo.root(), "doctor").out()).contains("No problem found");
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digests()).isEqualTo(tables);
        }
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            iceberg.assertNoStrayFiles();
        }
    }

    private static Path plant(DemoProject demo, String relative, int daysOld) throws Exception {
        Path file = demo.root().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "left by a process that died");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(daysOld))));
        return file;
    }
}
