package dev.weir.examples.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A private copy of the shop demo (specs, SQL, first batch) in a temporary directory, so tests never touch the checkout. */
final class DemoProject {
    static final Path SOURCE =
            Path.of(System.getProperty("weir.demo.dir", ".")).toAbsolutePath().normalize();

    private final Path root;

    private DemoProject(Path root) {
        this.root = root;
    }

    static DemoProject copyInto(Path dir) {
        for (String part : new String[] {"weir.yaml", "pipelines", "contracts", "sql", "data"}) {
            copy(SOURCE.resolve(part), dir.resolve(part));
        }
        return new DemoProject(dir);
    }

    /** An empty project directory, for tests that write their own specs. */
    static DemoProject empty(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DemoProject(dir);
    }

    Path root() {
        return root;
    }

    Path warehouse() {
        return root.resolve(".weir/warehouse");
    }

    /** Lands the second batch: new and changed orders, customers and products. */
    DemoProject addSecondBatch() {
        copy(SOURCE.resolve("batch2"), root.resolve("data"));
        return this;
    }

    /** Lands the third batch: orders and customers of which some break their contract. */
    DemoProject addThirdBatch() {
        copy(SOURCE.resolve("batch3"), root.resolve("data"));
        return this;
    }

    /** Replaces {@code from} by {@code to} in a project file, which must contain it. */
    DemoProject edit(String relativePath, String from, String to) {
        try {
            Path file = root.resolve(relativePath);
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(relativePath + " does not contain " + from);
            }
            Files.writeString(file, text.replace(from, to));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every run record the project's runs appended to {@code .weir/logs/runs.jsonl}, in order. */
    List<JsonNode> runRecords() {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(root.resolve(".weir/logs/runs.jsonl"))) {
                records.add(json.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    DemoProject write(String relativePath, String content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
