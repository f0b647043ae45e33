package dev.weir.connectors.file;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spi.SourceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fixes the columns of a CSV batch from the files' header rows. Every file must carry the same
 * header (or the declared columns, in order): files whose columns differ would otherwise be read
 * by position into the wrong columns. Undeclared columns are text: bronze keeps raw values.
 */
final class CsvHeaders {
    private static final char BOM = '\uFEFF';
    private final CsvMapper mapper = new CsvMapper();

    List<ColumnDecl> columns(List<SourceFile> files, CsvOptions csv, List<ColumnDecl> declared) {
        if (!csv.header()) {
            if (declared.isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot read CSV without a header row: no columns are declared",
                        "declare extract.columns (name: SQL type, in file order) or set extract.csv.header: true");
            }
            return declared;
        }
        List<String> expected = declared.stream().map(ColumnDecl::name).toList();
        String expectedFrom = "extract.columns";
        for (SourceFile file : files) {
            List<String> header = header(file, csv);
            if (expected.isEmpty()) {
                expected = header;
                expectedFrom = file.relativePath();
            } else if (!sameNames(header, expected)) {
                throw new WeirException(
                        ErrorCode.MALFORMED_INPUT,
                        "Cannot read file: its header " + header + " differs from " + expected + " in " + expectedFrom,
                        Location.ofLine(file.relativePath(), 1),
                        "give every file of a source the same columns in the same order, or split them into separate pipelines",
                        null);
            }
        }
        if (!declared.isEmpty()) {
            return declared;
        }
        List<ColumnDecl> text = new ArrayList<>();
        for (String name : expected) {
            text.add(new ColumnDecl(name, "VARCHAR"));
        }
        return text;
    }

    private List<String> header(SourceFile file, CsvOptions csv) {
        CsvSchema schema = CsvSchema.emptySchema()
                .withColumnSeparator(csv.delimiter().charAt(0))
                .withQuoteChar(csv.quote().charAt(0));
        if (!csv.escape().equals(csv.quote())) {
            schema = schema.withEscapeChar(csv.escape().charAt(0));
        }
        try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(Files.newInputStream(file.path()), charset(csv.encoding())));
                MappingIterator<String[]> rows = mapper.readerFor(String[].class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .with(schema)
                        .readValues(reader)) {
            if (!rows.hasNext()) {
                throw new WeirException(
                        ErrorCode.MALFORMED_INPUT,
                        "Cannot read file: it is empty, without a header row",
                        Location.ofFile(file.relativePath()),
                        "remove the file or add the header row",
                        null);
            }
            List<String> names = new ArrayList<>(Arrays.asList(rows.next()));
            if (!names.isEmpty() && !names.get(0).isEmpty() && names.get(0).charAt(0) == BOM) {
                names.set(0, names.get(0).substring(1));
            }
            checkNames(file, names);
            return names;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WeirException weir) {
                throw weir;
            }
            throw new WeirException(
                    ErrorCode.MALFORMED_INPUT,
                    "Cannot read header row: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    Location.ofLine(file.relativePath(), 1),
                    "check extract.csv (delimiter, quote, encoding)",
                    e);
        }
    }

    private static void checkNames(SourceFile file, List<String> names) {
        List<String> seen = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.strip();
            if (trimmed.isEmpty() || seen.contains(trimmed.toLowerCase(Locale.ROOT))) {
                throw new WeirException(
                        ErrorCode.MALFORMED_INPUT,
                        "Cannot read file: header " + names + " has an empty or repeated column name",
                        Location.ofLine(file.relativePath(), 1),
                        "give every column a unique name in the header row",
                        null);
            }
            seen.add(trimmed.toLowerCase(Locale.ROOT));
        }
    }

    private static boolean sameNames(List<String> header, List<String> expected) {
        return header.stream()
                .map(String::strip)
                .toList()
                .equals(expected.stream().map(String::strip).toList());
    }

    private static Charset charset(String encoding) {
        switch (encoding.toLowerCase(Locale.ROOT)) {
            case "utf-16":
                return StandardCharsets.UTF_16;
            case "latin-1":
                return StandardCharsets.ISO_8859_1;
            default:
                return StandardCharsets.UTF_8;
        }
    }
}
