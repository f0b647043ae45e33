package dev.weir.examples.crm;

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

/** A private copy of the CRM demo project in a temporary directory, so tests never touch the checkout. */
final class CrmProject {
    static final Path SOURCE =
            Path.of(System.getProperty("weir.demo.dir", ".")).toAbsolutePath().normalize();

    private final Path root;

    private CrmProject(Path root) {
        this.root = root;
    }

    /** Copies the project's files ({@code parts}, such as {@code weir.yaml} or {@code pipelines}) into {@code dir}. */
    static CrmProject copyInto(Path dir, String... parts) {
        for (String part : parts) {
            copy(SOURCE.resolve(part), dir.resolve(part));
        }
        return new CrmProject(dir);
    }

    static CrmProject copyInto(Path dir) {
        return copyInto(dir, "weir.yaml", "pipelines", "contracts");
    }

    Path root() {
        return root;
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

    private static void copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
