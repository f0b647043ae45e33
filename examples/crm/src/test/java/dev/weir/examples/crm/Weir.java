package dev.weir.examples.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code weir} command line in a separate JVM with the given environment, the way a
 * user's shell does, so exit codes, output and secrets handling are those a user sees.
 */
final class Weir {
    private Weir() {}

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }

        /** The lines {@code weir run} prints for its pipelines. */
        List<String> pipelineLines() {
            return out.lines()
                    .filter(l -> l.matches("^(SUCCESS|FAILED|SKIPPED) .*"))
                    .toList();
        }
    }

    /** The command that starts the CLI of this test's class path, for scripts: java and its options. */
    static List<String> command() {
        // the JDBC drivers copy their native libraries to java.io.tmpdir: keep them in the build's directory
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.weir.cli.Main");
    }

    static Result run(Path project, Map<String, String> env, String... args) {
        Path out = project.resolveSibling(project.getFileName() + ".out.txt");
        Path err = project.resolveSibling(project.getFileName() + ".err.txt");
        List<String> command = new java.util.ArrayList<>(command());
        command.addAll(List.of("--project", project.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("weir " + String.join(" ", args) + " did not finish in 3 minutes");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
