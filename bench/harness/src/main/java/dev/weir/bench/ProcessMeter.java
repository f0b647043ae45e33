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

    private final Path logDir;
    private int runs;

    ProcessMeter(Path logDir) {
        this.logDir = logDir;
    }

    Measurement run(String label, List<String> command, Path workDir, Map<String, String> env) {
        Path log = logDir.resolve(String.format("%03d-%s.log", ++runs, label.replaceAll("[^A-Za-z0-9_.-]", "_")));
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            long peak = 0;
            while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, treeRss(process.toHandle()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException(label + " failed with exit code " + process.exitValue() + "; see " + log + ":\n"
                        + tail(log));
            }
            return new Measurement(seconds, peak);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long treeRss(ProcessHandle root) {
        long total = rss(root.pid());
        for (ProcessHandle child : root.descendants().toList()) {
            total += rss(child.pid());
        }
        return total;
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

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
