package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process and measures its wall time and the peak resident set size of
 * the process and all its descendants, sampled from {@code /proc} every few milliseconds.
 */
final class ProcessMeter {
    private static final long SAMPLE_MILLIS = 10;
    /**
     * Finding descendants scans every process in {@code /proc}: doing it at each sample took CPU
     * from the measured process (on 2 cores a {@code weir --help} measured 0.60 s instead of 0.50 s).
     * The tree is looked up this often; the known processes' RSS is read at every sample.
     */
    private static final long TREE_REFRESH_MILLIS = 100;

    private final Path logDir;
    private int runs;

    ProcessMeter(Path logDir) {
        this.logDir = logDir;
    }

    /** Runs {@code command} like {@link #run} and returns the file holding its output. */
    Path runForOutput(String label, List<String> command, Path workDir, Map<String, String> env) {
        run(label, command, workDir, env);
        return logOf(runs, label);
    }

    Measurement run(String label, List<String> command, Path workDir, Map<String, String> env) {
        Path log = logOf(++runs, label);
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            long peak = 0;
            List<Long> tree = List.of(process.pid());
            long treeFoundAt = 0;
            while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - treeFoundAt > TREE_REFRESH_MILLIS * 1_000_000) {
                    tree = tree(process.toHandle());
                    treeFoundAt = System.nanoTime();
                }
                peak = Math.max(peak, tree.stream().mapToLong(ProcessMeter::rss).sum());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        label + " failed with exit code " + process.exitValue() + "; see " + log + ":\n" + tail(log));
            }
            return new Measurement(seconds, peak);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path logOf(int run, String label) {
        return logDir.resolve(String.format("%03d-%s.log", run, label.replaceAll("[^A-Za-z0-9_.-]", "_")));
    }

    /** The resident memory of {@code root} and all its descendants now, in bytes. */
    static long treeRss(ProcessHandle root) {
        return tree(root).stream().mapToLong(ProcessMeter::rss).sum();
    }

    private static List<Long> tree(ProcessHandle root) {
        List<Long> pids = new java.util.ArrayList<>();
        pids.add(root.pid());
        root.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    /** VmRSS of one process in bytes; 0 when it has just exited. */
    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The last 30 lines of {@code log}, to show with a failure. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
