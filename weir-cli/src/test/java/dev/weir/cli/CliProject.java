package dev.weir.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** A project a test writes into a directory, and the {@code weir} command line run on it in this JVM. */
final class CliProject {
    private final Path root;
    private final Map<String, String> environment;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** What one command printed, and how it exited. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    CliProject(Path root) {
        this(root, Map.of());
    }

    /** A project whose commands see {@code environment} as their environment variables. */
    CliProject(Path root, Map<String, String> environment) {
        this.root = root;
        this.environment = Map.copyOf(environment);
    }

    Path root() {
        return root;
    }

    CliProject write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code weir --project <root> args...}; the output of earlier commands is cleared first. */
    int execute(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine(new Main.Environment(environment::get));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--project", root.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    /** Runs {@code weir --project <root> args...} and returns what it printed. */
    Result weir(String... args) {
        int exit = execute(args);
        return new Result(exit, out(), err());
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The lines of {@code .weir/logs/runs.jsonl}. */
    List<String> runLog() {
        try {
            return Files.readAllLines(root.resolve(".weir/logs/runs.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
