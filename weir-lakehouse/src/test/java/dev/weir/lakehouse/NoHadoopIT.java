package dev.weir.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg probes for Hadoop classes and uses them when present, so the proof that the store needs
 * none is a run on the runtime classpath, where Maven puts no Hadoop jar.
 */
class NoHadoopIT {
    @TempDir
    Path dir;

    @Test
    void everyStoreOperationWorksWithoutHadoopOnTheClasspath() throws Exception {
        WrittenFile file;
        try (TestWarehouse warehouse = new TestWarehouse(dir)) {
            TableState empty = warehouse.createOrders(Optional.empty());
            file = warehouse.write(empty, "probe-0.parquet", List.of(warehouse.order(1, "a", "1.00", "2024-01-01")));
        }
        Path output = dir.resolve("probe.log");

        Process probe = ChildJvm.start(
                ChildJvm.runtimeClasspath(),
                NoHadoopProbe.class,
                List.of(dir.resolve("warehouse").toString(), "jdbc:sqlite:" + dir.resolve("weir.db"), file.path()),
                output);

        assertThat(probe.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(output);
        assertThat(probe.exitValue()).as("probe output:%n%s", log).isZero();
        assertThat(log).contains("hadoop=absent", "tables=2 files=1 snapshots=1 removed=0");
    }
}
