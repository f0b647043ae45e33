package dev.weir.examples.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code weir} command line in a separate JVM, the way a user's shell does, so
 * exit codes, output and crashes are those a user sees. Other examples' tests use it through this
 * module's test jar.
 */
public final class Weir {
    private Weir() {}

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static Result run(Path project, String... args) {
        return run(project, Map.of(), args);
    }

    public static Result run(Path project, Map<String, String> env, String... args) {
        return run(project, env, List.of(), args);
    }

    private static Result run(Path project, Map<String, String> env, List<String> launcher, String... args) {
        Process process = start(project, env, launcher, args);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("weir " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return result(project, process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Like {@link #run}, in a process that file permissions bind: as root (a CI container), the
     * process is started without the capabilities that let root read any file.
     */
    static Result runWithoutReadingEverything(Path project, String... args) {
        if (!System.getProperty("user.name").equals("root")) {
            return run(project, args);
        }
        return run(project, Map.of(), List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search"), args);
    }

    /** What a process {@link #start}ed in {@code project} left, once it has ended. */
    public static Result result(Path project, Process process) {
        return new Result(process.exitValue(), read(project, "out"), read(project, "err"));
    }

    /** What the last process {@link #start}ed in {@code project} wrote, with -1 for its exit code if it was killed. */
    public static Result lastOutput(Path project) {
        return new Result(-1, read(project, "out"), read(project, "err"));
    }

    /** What a process {@link #start}ed in {@code project} has written to its standard output so far. */
    public static String outSoFar(Path project) {
        return read(project, "out");
    }

    /** Starts {@code weir args...} with the project as working directory; output goes to files read by {@link #run}. */
    public static Process start(Path project, Map<String, String> env, String... args) {
        return start(project, env, List.of(), args);
    }

    /** Like {@link #start(Path, Map, String...)}, with the JVM started by {@code launcher} (a command and its options). */
    private static Process start(Path project, Map<String, String> env, List<String> launcher, String... args) {
        // The JDBC drivers copy their native libraries to java.io.tmpdir and a killed process never
        // removes them (60 MB for DuckDB): keep them inside the test's own temporary directory.
        Path tmp = project.resolveSibling(project.getFileName() + ".tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                javaBinary(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.weir.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectOutput(output(project, "out").toFile())
                .redirectError(output(project, "err").toFile());
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path output(Path project, String stream) {
        return project.resolveSibling(project.getFileName() + "." + stream + ".txt");
    }

    private static String read(Path project, String stream) {
        try {
            return Files.readString(output(project, stream), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
