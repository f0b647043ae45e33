package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

/**
 * The tables the demo's two batches leave when nothing interrupts their runs: what a project that
 * was killed, stopped or ran out of disk must converge on once run again.
 */
final class UninterruptedDemo {
    private final Map<String, String> digests;

    private UninterruptedDemo(Map<String, String> digests) {
        this.digests = Map.copyOf(digests);
    }

    /** Runs the demo's first and second batch in {@code dir} and keeps the tables' digests. */
    static UninterruptedDemo runIn(Path dir) {
        DemoProject reference = DemoProject.copyInto(dir);
        Weir.run(reference.root(), "run");
        Weir.run(reference.addSecondBatch().root(), "run");
        try (Lakehouse lake = new Lakehouse(reference.root())) {
            UninterruptedDemo demo = new UninterruptedDemo(lake.digests());
            assertThat(demo.digests).hasSize(7);
            return demo;
        }
    }

    Map<String, String> digests() {
        return digests;
    }

    /** {@code demo} holds exactly these tables, and no file on disk that no table references. */
    void assertConverged(DemoProject demo) {
        try (Lakehouse lake = new Lakehouse(demo.root())) {
            assertThat(lake.digests()).isEqualTo(digests);
        }
        try (IcebergTables iceberg = new IcebergTables(demo.root())) {
            iceberg.assertNoStrayFiles();
        }
    }
}
