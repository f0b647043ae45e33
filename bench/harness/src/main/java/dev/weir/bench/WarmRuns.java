package dev.weir.bench;

import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunStatus;
import dev.weir.runtime.WeirRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upsert, the no-op and the truncate-reload run by Weir's runtime inside one long-lived JVM, as
 * {@code weir scheduler} runs its pipelines, so that what the cold figures pay for a fresh process
 * (class loading, the JIT's warm-up) is paid once. Started by the harness in a child JVM on the
 * distribution's class path; writes one line per timed run, {@code upsert|no-op|reload seconds},
 * to its result file. Each round restores the upsert's table from the saved state first and
 * deletes the reload's, with the runtime closed, so every round does the same work; the first
 * {@code warm-up} rounds are not written.
 */
public final class WarmRuns {
    private WarmRuns() {}

    /** Arguments: upsert project, its saved state, reload project, warm-up rounds, timed rounds, result file. */
    public static void main(String[] args) throws IOException {
        Path upsert = Path.of(args[0]);
        Path saved = Path.of(args[1]);
        Path reload = Path.of(args[2]);
        int warmUps = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        Path results = Path.of(args[5]);
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < warmUps + rounds; round++) {
            Directories.delete(upsert.resolve(".weir"));
            Directories.copy(saved, upsert.resolve(".weir"));
            double upsertSeconds;
            double noOpSeconds;
            try (WeirRuntime runtime = open(upsert)) {
                upsertSeconds = timed(runtime, WeirProjects.UPSERT_PIPELINE);
                noOpSeconds = timed(runtime, WeirProjects.UPSERT_PIPELINE);
            }
            Directories.delete(reload.resolve(".weir"));
            double reloadSeconds;
            try (WeirRuntime runtime = open(reload)) {
                reloadSeconds = timed(runtime, WeirProjects.RELOAD_PIPELINE);
            }
            System.out.printf(
                    "round %d%s: upsert %.2f s, no-op %.2f s, reload %.2f s%n",
                    round + 1, round < warmUps ? " (warm-up)" : "", upsertSeconds, noOpSeconds, reloadSeconds);
            if (round >= warmUps) {
                lines.add("upsert " + upsertSeconds);
                lines.add("no-op " + noOpSeconds);
                lines.add("reload " + reloadSeconds);
            }
        }
        Files.write(results, lines);
    }

    private static WeirRuntime open(Path project) {
        return WeirRuntime.options(project)
                .environment(name -> Optional.ofNullable(System.getenv(name)))
                .open();
    }

    private static double timed(WeirRuntime runtime, String pipeline) {
        long started = System.nanoTime();
        List<PipelineResult> results = runtime.run(List.of(pipeline));
        double seconds = (System.nanoTime() - started) / 1e9;
        for (PipelineResult result : results) {
            if (result.record().status() != RunStatus.SUCCESS) {
                throw new IllegalStateException(
                        pipeline + " ended " + result.record().status() + ": " + result.failure());
            }
        }
        return seconds;
    }
}
