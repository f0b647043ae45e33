package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of one pipeline at once: one proceeds, the other fails fast naming the run in its way. */
class ConcurrentRunsIT {
    @TempDir
    Path dir;

    @Test
    void secondRunOfARunningPipelineFailsFastAndTheFirstCompletes() throws Exception {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Path first = demo.root();
        Process slow = Weir.start(
                first, Map.of("WEIR_FAIL_POINT", "after-extract@bronze_orders:pause=8000"), "run", "bronze_orders");
        Path lockFile = first.resolve(".weir/locks/bronze_orders.lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lockFile) && Files.size(lockFile) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String holder = Files.readString(lockFile);

        Weir.Result second = runInSiblingDirectory(first, "run", "bronze_orders");

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
        assertThat(second.err())
                .contains("Cannot run pipeline 'bronze_orders': it is already running (" + holder.substring(0, 30));
        assertThat(second.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(slow.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(slow.exitValue()).isZero();
        try (Lakehouse lake = new Lakehouse(first)) {
            assertThat(lake.count("bronze.orders")).isEqualTo(240);
            assertThat(lake.history("bronze.orders")).hasSize(1);
        }
    }

    /** Runs weir on the same project, writing its output files next to a differently named link so the two runs' logs don't collide. */
    private static Weir.Result runInSiblingDirectory(Path project, String... args) throws Exception {
        Path link = project.resolveSibling("same-project");
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, project);
        }
        return Weir.run(link, args);
    }
}
