package dev.weir.connectors.file;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The column names in CSV files' header rows, for the columns of a batch that declares none (or
 * keeps the undeclared ones): the union of every file's names, in the order first seen, so that
 * files of one feed may order their columns differently or lack some.
 */
final class CsvHeaders {
    private static final char BOM = '\uFEFF';
    private final CsvMapper mapper = new CsvMapper();

    /** Names found in headers, and the files whose header row could not be parsed (the record reader rejects them whole). */
    record Names(List<String> names, List<SourceFile> unparseable) {}

    /** The names in the headers of {@code files} that are not in {@code known} (compared ignoring case), in first-seen order. */
    Names namesBeyond(List<SourceFile> files, CsvOptions csv, List<String> known) {
        Set<String> seen = new LinkedHashSet<>();
        known.forEach(n -> seen.add(n.toLowerCase(Locale.ROOT)));
        List<String> names = new ArrayList<>();
        List<SourceFile> unparseable = new ArrayList<>();
        for (SourceFile file : files) {
            Optional<List<String>> header = header(file, csv);
            if (header.isEmpty()) {
                unparseable.add(file);
                continue;
            }
            for (String name : header.get()) {
                if (seen.add(name.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
        }
        return new Names(names, unparseable);
    }

    /**
     * The column names of {@code file}'s header row, stripped, without a byte order mark; no names
     * for an empty file, nothing for one whose header row cannot be parsed.
     */
    private Optional<List<String>> header(SourceFile file, CsvOptions csv) {
        try (Reader reader = TextFiles.open(file, csv.encoding());
                MappingIterator<String[]> rows = mapper.readerFor(String[].class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        // as the record reader does: a blank line before the header is not the header
                        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                        .with(CsvRecordReader.schema(csv))
                        .readValues(reader)) {
            if (!rows.hasNext()) {
                return Optional.of(List.of());
            }
            List<String> names = new ArrayList<>();
            for (String name : Arrays.asList(rows.next())) {
                names.add(name == null ? "" : name.strip());
            }
            if (!names.isEmpty() && !names.get(0).isEmpty() && names.get(0).charAt(0) == BOM) {
                names.set(0, names.get(0).substring(1).strip());
            }
            return Optional.of(names);
        } catch (IOException e) {
            throw TextFiles.unreadable(file, e);
        } catch (RuntimeException unparseable) {
            return Optional.empty();
        }
    }
}
