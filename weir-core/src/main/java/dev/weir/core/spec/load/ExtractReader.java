package dev.weir.core.spec.load;

import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.TableId;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads the {@code extract:} section and checks the combinations the schema cannot express. */
final class ExtractReader {
    private static final List<String> FILES_ONLY = List.of("format", "csv", "columns", "new_files");

    private final Path root;

    ExtractReader(Path root) {
        this.root = Objects.requireNonNull(root, "root is null");
    }

    /** The spec, or empty when the file has any problem (each one reported). */
    Optional<ExtractSpec> read(SectionValues extract) {
        FileProblems problems = extract.problems();
        Optional<String> source = extract.text("source_system")
                .filter(s -> s.equals(ExtractSpec.FILES) || s.equals(ExtractSpec.WEIR));
        Optional<String> connection = extract.text("connection");
        Optional<ExtractStrategy> strategy =
                extract.choice("strategy", ExtractStrategy.values(), ExtractStrategy::yamlName);
        boolean files = source.filter(ExtractSpec.FILES::equals).isPresent();
        if (files) {
            checkFileSource(extract, connection);
        } else if (source.isPresent()) {
            checkWeirSource(extract, connection);
        }
        strategy.ifPresent(s -> checkStrategy(extract, s, files));
        if (problems.count() > 0 || source.isEmpty() || connection.isEmpty() || strategy.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ExtractSpec(source.get(), connection.get(),
                    files ? Optional.of(extract.choice("format", FileFormat.values(), FileFormat::yamlName).orElseThrow()) : Optional.empty(),
                    csvOptions(extract.section("csv")), columns(extract), strategy.get(),
                    extract.text("incremental_key"), extract.bool("new_files")));
        } catch (IllegalArgumentException e) {
            problems.add(extract.here(), "Invalid extract section: " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    private void checkFileSource(SectionValues extract, Optional<String> connection) {
        FileProblems problems = extract.problems();
        connection.ifPresent(c -> {
            if (!insideRoot(c)) {
                problems.add(extract.location("connection"), "Path '" + c + "' is outside the project directory",
                        "use a path or glob relative to the project root, such as data/orders/*.csv");
            }
        });
        if (!extract.has("format")) {
            problems.add(extract.location("format"), "Missing required key 'format'",
                    "files sources need a format: add a line like 'format: csv'");
        } else if (extract.has("csv")
                && extract.text("format").filter(f -> !f.equals(FileFormat.CSV.yamlName())).isPresent()) {
            problems.add(extract.location("csv"), "csv options only apply to format csv",
                    "remove the csv section, or set 'format: csv'");
        }
    }

    private void checkWeirSource(SectionValues extract, Optional<String> connection) {
        FileProblems problems = extract.problems();
        connection.filter(c -> !TableId.isValid(c)).ifPresent(c -> problems.add(extract.location("connection"),
                "Invalid table name '" + c + "'",
                "with source_system weir, connection names a Weir table as namespace.table, such as silver.orders"));
        for (String key : FILES_ONLY) {
            if (extract.has(key)) {
                problems.add(extract.location(key), "'" + key + "' only applies to source_system files",
                        "remove it: a weir source reads a table loaded by another pipeline");
            }
        }
    }

    // For a weir source, new_files was already reported as files-only; it is ignored here.
    private void checkStrategy(SectionValues extract, ExtractStrategy strategy, boolean files) {
        FileProblems problems = extract.problems();
        boolean hasKey = extract.has("incremental_key");
        boolean newFilesWritten = files && extract.has("new_files");
        boolean newFiles = newFilesWritten && extract.bool("new_files");
        if (strategy == ExtractStrategy.INCREMENTAL) {
            if (hasKey && newFiles) {
                problems.add(extract.location("new_files"), "Use either incremental_key or new_files, not both",
                        "incremental_key reads rows past the last watermark; new_files reads files not loaded before");
            } else if (!hasKey && !newFiles && (files || !extract.has("new_files"))) {
                problems.add(extract.location("strategy"), "Incremental extraction needs incremental_key or new_files",
                        files ? "add a line like 'incremental_key: updated_at' (rows past the last watermark)"
                                + " or 'new_files: true' (files not loaded before)"
                              : "add a line like 'incremental_key: updated_at'");
            }
            return;
        }
        if (hasKey) {
            problems.add(extract.location("incremental_key"), "'incremental_key' only applies to strategy incremental",
                    "remove it, or set 'strategy: incremental'");
        }
        if (newFilesWritten) {
            problems.add(extract.location("new_files"), "'new_files' only applies to strategy incremental",
                    "remove it, or set 'strategy: incremental'");
        }
    }

    private boolean insideRoot(String relative) {
        try {
            Path path = Path.of(relative);
            return !path.isAbsolute() && root.resolve(path).normalize().startsWith(root);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static CsvOptions csvOptions(SectionValues csv) {
        return new CsvOptions(csv.bool("header"), csv.text("delimiter").orElseThrow(),
                csv.text("quote").orElseThrow(), csv.text("escape").orElseThrow(),
                csv.text("encoding").orElseThrow());
    }

    private static List<ColumnDecl> columns(SectionValues extract) {
        return extract.pairs("columns").entrySet().stream()
                .map(e -> new ColumnDecl(e.getKey(), e.getValue()))
                .toList();
    }
}
