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
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    CliProject(Path root) {
        this.root = root;
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
        CommandLine cli = Main.commandLine(new Main.Environment(Map.<String, String>of()::get));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--project", root.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
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
