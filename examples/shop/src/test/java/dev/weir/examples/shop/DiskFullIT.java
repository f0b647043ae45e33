package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project on a small tmpfs whose disk fills up: {@code weir run} fails in one line saying the
 * disk is full, where, and how much is free (exit 1, never an internal error, never hidden behind
 * a second error); once space is freed, the next run converges on the uninterrupted tables.
 * Needs a process allowed to mount a tmpfs (root in the CI container); skipped elsewhere.
 */
class DiskFullIT {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static UninterruptedDemo uninterrupted;
    private Path mounted;

    @BeforeAll
    static void runTheDemoWithoutInterruption() {
        uninterrupted = UninterruptedDemo.runIn(shared.resolve("reference"));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString())
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** @param freeBytes what the filled disk has left: nothing at all, or a little for the run's first writes */
    @ParameterizedTest(name = "{0} bytes left")
    @ValueSource(ints = {0, 262_144})
    void aFullDiskFailsTheRunInOneLineAndOnceSpaceIsFreedTheNextRunConverges(int freeBytes) throws Exception {
        Path root = mountSmallDisk(dir.resolve("shop"));
        DemoProject demo = DemoProject.copyInto(root);
        assertThat(Weir.run(demo.root(), "run").exitCode()).isZero();
        demo.addSecondBatch();
        Path filler = root.resolve("filler");
        fill(filler, freeBytes);

        Weir.Result full = Weir.run(demo.root(), "run");

        assertThat(full.exitCode()).as(full.toString()).isEqualTo(1);
        assertThat(full.err())
                .as(full.toString())
                .contains("disk is full")
                .contains(root.toString())
                .contains("free")
                .doesNotContain("internal error")
                .doesNotContain("no transaction is active")
                .doesNotContain("\tat ");
        Files.delete(filler);
        Weir.Result rerun = Weir.run(demo.root(), "run");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        uninterrupted.assertConverged(demo);
    }

    private Path mountSmallDisk(Path at) throws Exception {
        Files.createDirectories(at);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", at.toString())
                .redirectErrorStream(true)
                .start();
        boolean done = mount.waitFor(30, TimeUnit.SECONDS);
        assumeTrue(done && mount.exitValue() == 0, "this process may not mount a tmpfs");
        mounted = at;
        return at;
    }

    /** Writes {@code filler} until the disk has only {@code leave} bytes free. */
    private static void fill(Path filler, long leave) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                long usable = Files.getFileStore(filler).getUsableSpace();
                if (usable <= leave) {
                    return;
                }
                out.write(chunk, 0, (int) Math.min(chunk.length, usable - leave));
                out.flush();
            }
        } catch (IOException noSpaceLeft) {
            if (leave > 0) {
                throw noSpaceLeft;
            }
        }
    }
}
