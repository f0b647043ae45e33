package dev.weir.connectors.file;

import static dev.weir.core.spec.load.ValueType.BOOLEAN;
import static dev.weir.core.spec.load.ValueType.STRING;
import static dev.weir.core.spec.load.ValueType.STRING_MAP;

import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import dev.weir.core.spi.SourceSection;
import dev.weir.core.spi.SpecValues;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code source_system: files}: CSV, JSON-lines or Parquet files named by a path or glob relative
 * to the project, read whole, past a key watermark, or each file once ({@code new_files: true}).
 */
public final class FileSourceFactory implements SourceFactory {
    private static final Pattern SINGLE_CHARACTER = Pattern.compile(".", Pattern.DOTALL);

    private static final MappingRule CSV = MappingRule.of(
            KeyRule.of("header", BOOLEAN, "header: true").defaultsTo(String.valueOf(CsvOptions.DEFAULTS.header())),
            KeyRule.of("delimiter", STRING, "delimiter: \",\"")
                    .format(SINGLE_CHARACTER, "a single character")
                    .defaultsTo(CsvOptions.DEFAULTS.delimiter()),
            KeyRule.of("quote", STRING, "quote: '\"'")
                    .format(SINGLE_CHARACTER, "a single character")
                    .defaultsTo(CsvOptions.DEFAULTS.quote()),
            KeyRule.of("escape", STRING, "escape: '\"'")
                    .format(SINGLE_CHARACTER, "a single character")
                    .defaultsTo(CsvOptions.DEFAULTS.escape()),
            KeyRule.of("encoding", STRING, "encoding: utf-8")
                    .oneOf(List.of("utf-8", "utf-16", "latin-1"))
                    .defaultsTo(CsvOptions.DEFAULTS.encoding()));

    private static final MappingRule KEYS = MappingRule.of(
            KeyRule.of("format", STRING, "format: csv")
                    .oneOf(Arrays.stream(FileFormat.values())
                            .map(FileFormat::yamlName)
                            .toList()),
            KeyRule.section("csv", CSV, "csv: {header: true, delimiter: \",\"}"),
            KeyRule.of("columns", STRING_MAP, "columns: {order_id: BIGINT NOT NULL, amount: \"DECIMAL(10,2)\"}"),
            KeyRule.of("extra_columns", STRING, "extra_columns: keep")
                    .oneOf(List.of("ignore", "keep"))
                    .defaultsTo("ignore"),
            KeyRule.of("missing_columns", STRING, "missing_columns: fail")
                    .oneOf(List.of("reject", "fail"))
                    .defaultsTo("reject"),
            KeyRule.of("new_files", BOOLEAN, "new_files: true"),
            KeyRule.of("require_files", BOOLEAN, "require_files: true").defaultsTo("false"));

    @Override
    public String sourceSystem() {
        return "files";
    }

    @Override
    public MappingRule keys() {
        return KEYS;
    }

    @Override
    public Optional<SourceOptions> read(SourceSection extract) {
        boolean valid = checkConnection(extract) & checkFormat(extract) & checkStrategy(extract);
        Optional<List<DeclaredColumn>> columns =
                DeclaredColumn.declaredIn(extract, ", such as 'order_date: DATE FORMAT 'dd/MM/yyyy''");
        Optional<FileFormat> format = extract.text("format")
                .flatMap(f -> Arrays.stream(FileFormat.values())
                        .filter(v -> v.yamlName().equals(f))
                        .findFirst());
        if (!valid || format.isEmpty() || columns.isEmpty() || !checkColumns(extract, format.get(), columns.get())) {
            return Optional.empty();
        }
        return Optional.of(new FileSourceOptions(
                format.get(),
                csvOptions(extract.section("csv")),
                columns.get(),
                extract.text("extra_columns").orElseThrow().equals("keep"),
                extract.text("missing_columns").orElseThrow().equals("fail"),
                extract.bool("new_files"),
                extract.bool("require_files")));
    }

    @Override
    public Source open(ExtractSpec extract, SourceContext context) {
        return new FileSource(
                context.projectRoot(),
                extract.connection(),
                (FileSourceOptions) extract.options(),
                extract.keyColumn(),
                extract.keyType());
    }

    private static boolean checkColumns(SourceSection extract, FileFormat format, List<DeclaredColumn> columns) {
        if (format == FileFormat.CSV && !extract.section("csv").bool("header") && columns.isEmpty()) {
            extract.problem(
                    "csv",
                    "CSV without a header row needs its columns declared",
                    "declare extract.columns (name: TYPE, in file order) or set extract.csv.header: true");
            return false;
        }
        if (extract.has("extra_columns") && format == FileFormat.PARQUET) {
            extract.problem(
                    "extra_columns",
                    "extra_columns only applies to CSV and JSON lines",
                    "remove it: every column of a Parquet file is loaded, typed as the file types it");
            return false;
        }
        if (extract.has("extra_columns") && format == FileFormat.JSONL && columns.isEmpty()) {
            extract.problem(
                    "extra_columns",
                    "extra_columns only applies to JSON lines with declared columns",
                    "declare extract.columns, or remove extra_columns: without declared columns every key is loaded,"
                            + " typed by the engine's inference");
            return false;
        }
        boolean header = extract.section("csv").bool("header");
        if (extract.has("missing_columns") && (format != FileFormat.CSV || !header)) {
            extract.problem(
                    "missing_columns",
                    "missing_columns only applies to CSV files with a header row",
                    "remove it: "
                            + (format == FileFormat.JSONL
                                    ? "a JSON line without a NOT NULL key is a null_required reject"
                                    : format == FileFormat.CSV
                                            ? "without a header, values are matched to the columns by position"
                                            : "Parquet columns load as the files type them"));
            return false;
        }
        if (format == FileFormat.PARQUET && !columns.isEmpty()) {
            extract.problem(
                    "columns",
                    "Parquet files carry their own column types",
                    "remove extract.columns: Parquet columns load as the files type them");
            return false;
        }
        return true;
    }

    private static boolean checkConnection(SourceSection extract) {
        if (insideRoot(extract.projectRoot(), extract.connection())) {
            return true;
        }
        extract.problem(
                "connection",
                "Path '" + extract.connection() + "' is outside the project directory",
                "use a path or glob relative to the project root, such as data/orders/*.csv");
        return false;
    }

    private static boolean checkFormat(SourceSection extract) {
        if (!extract.has("format")) {
            extract.problem(
                    "format",
                    "Missing required key 'format'",
                    "files sources need a format: add a line like 'format: csv'");
            return false;
        }
        if (extract.has("csv")
                && extract.text("format")
                        .filter(f -> !f.equals(FileFormat.CSV.yamlName()))
                        .isPresent()) {
            extract.problem(
                    "csv", "csv options only apply to format csv", "remove the csv section, or set 'format: csv'");
            return false;
        }
        return true;
    }

    private static boolean checkStrategy(SourceSection extract) {
        boolean hasKey = extract.incrementalKey().isPresent();
        boolean newFiles = extract.bool("new_files");
        if (extract.strategy() == ExtractStrategy.INCREMENTAL) {
            if (hasKey && newFiles) {
                extract.problem(
                        "new_files",
                        "Use either incremental_key or new_files, not both",
                        "incremental_key reads rows past the last watermark; new_files reads files not loaded before");
                return false;
            }
            if (!hasKey && !newFiles) {
                extract.problem(
                        "strategy",
                        "Incremental extraction needs incremental_key or new_files",
                        "add a line like 'incremental_key: updated_at' (rows past the last watermark)"
                                + " or 'new_files: true' (files not loaded before)");
                return false;
            }
            return !hasKey || checkKeyType(extract, extract.incrementalKey().get());
        }
        if (extract.has("new_files")) {
            extract.problem(
                    "new_files",
                    "'new_files' only applies to strategy incremental",
                    "remove it, or set 'strategy: incremental'");
            return false;
        }
        return true;
    }

    /**
     * A key known to be text without a declared {@code key_type}: a CSV column not declared in
     * {@code columns} (read as VARCHAR), or a column declared as text. Compared as text, '99' > '103'
     * and the watermark skips rows for good.
     */
    private static boolean checkKeyType(SourceSection extract, String key) {
        if (extract.keyType().isPresent()) {
            return true;
        }
        Optional<String> declaration =
                Optional.ofNullable(extract.pairs("columns").get(key));
        Optional<ColumnType> declared;
        try {
            declared = declaration.map(d -> DeclaredColumn.parse(key, d).type());
        } catch (IllegalArgumentException reportedWithTheColumns) {
            return true;
        }
        boolean csv =
                extract.text("format").filter(FileFormat.CSV.yamlName()::equals).isPresent();
        String why;
        if (declared.isPresent() && declared.get().isText()) {
            why = "it is declared " + declaration.get() + " in extract.columns";
        } else if (declared.isEmpty() && csv) {
            why = "CSV columns not declared in extract.columns are read as VARCHAR";
        } else {
            return true;
        }
        extract.problem(
                "incremental_key",
                "Cannot extract incrementally on text column '" + key + "': " + why
                        + ", and text compares character by character ('99' > '103'), so the watermark would skip rows",
                "declare the type its values have, such as 'key_type: timestamp' (or bigint, date, decimal(18,2)),"
                        + " or declare the column with that type in extract.columns");
        return false;
    }

    private static boolean insideRoot(Path root, String relative) {
        try {
            Path path = Path.of(relative);
            return !path.isAbsolute() && root.resolve(path).normalize().startsWith(root);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static CsvOptions csvOptions(SpecValues csv) {
        return new CsvOptions(
                csv.bool("header"),
                csv.text("delimiter").orElseThrow(),
                csv.text("quote").orElseThrow(),
                csv.text("escape").orElseThrow(),
                csv.text("encoding").orElseThrow());
    }
}
