package dev.weir.connectors.file;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import dev.weir.core.spi.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where each declared column's value is in a file's records, and the conversion of one record's
 * values into a row or a reject. Header names match ignoring case, as SQL names do.
 */
final class RecordLayout {
    private final List<ValueConverter> converters;
    private final int[] positions;
    private int fieldCount = -1;
    private List<String> missingRequired = List.of();
    private String fileName = "";

    RecordLayout(List<DeclaredColumn> columns) {
        this.converters = columns.stream().map(ValueConverter::new).toList();
        this.positions = new int[columns.size()];
    }

    /** Matches the columns to a CSV header; a header with an empty or repeated name makes the file unreadable. */
    void matchHeader(SourceFile file, List<String> header) {
        fileName = file.relativePath();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip();
            // SQL names ignore case: "id" and "ID" would be one column of the table
            if (name.isEmpty() || byName.putIfAbsent(name.toLowerCase(Locale.ROOT), i) != null) {
                throw new WeirException(
                        ErrorCode.MALFORMED_INPUT,
                        "Cannot read file: its header " + header + " has an empty or repeated column name",
                        Location.ofLine(file.relativePath(), 1),
                        "give every column a unique name in the header row",
                        null);
            }
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < converters.size(); c++) {
            DeclaredColumn column = converters.get(c).column();
            Integer at = byName.get(column.name().toLowerCase(Locale.ROOT));
            positions[c] = at == null ? -1 : at;
            if (at == null && column.required()) {
                missing.add(column.name());
            }
        }
        fieldCount = header.size();
        missingRequired = List.copyOf(missing);
    }

    /** The {@code NOT NULL} columns the header last matched lacks, in declaration order. */
    List<String> missingRequired() {
        return missingRequired;
    }

    /** Columns in file order, for CSV without a header: record values are the columns, by position. */
    void matchPositions(int count) {
        for (int c = 0; c < positions.length; c++) {
            positions[c] = c;
        }
        fieldCount = count;
    }

    /** Columns straight from values already in column order (JSON keys looked up by name). */
    void matchColumns() {
        matchPositions(positions.length);
        fieldCount = -1;
    }

    /**
     * Converts one record's {@code values}: a row to {@code sink}, or one reject naming every value
     * that does not convert (its reason is the first one's). {@code text} gives the record's
     * original text, asked for only when it is rejected.
     */
    void convert(List<String> values, Supplier<String> text, String file, long line, RecordSink sink) {
        if (fieldCount >= 0 && values.size() != fieldCount) {
            sink.reject(RecordOrigins.malformed(
                    "the record has " + values.size() + " values, the header has " + fieldCount + " columns",
                    text.get(),
                    file,
                    line));
            return;
        }
        if (!missingRequired.isEmpty()) {
            sink.reject(new RecordReject(
                    "missing_column",
                    "NOT NULL column"
                            + (missingRequired.size() == 1
                                    ? " '" + missingRequired.get(0) + "' is"
                                    : "s " + missingRequired + " are")
                            + " not in the header of " + fileName,
                    text.get(),
                    RecordOrigins.origin(file, line)));
            return;
        }
        Object[] row = new Object[converters.size()];
        String reason = null;
        StringBuilder detail = null;
        for (int c = 0; c < row.length; c++) {
            String raw = positions[c] < 0 ? null : values.get(positions[c]);
            try {
                if (raw != null && raw.indexOf(TextFiles.REPLACEMENT) >= 0) {
                    throw new ValueRejected(
                            "bad_encoding",
                            "column '" + converters.get(c).column().name()
                                    + "' holds bytes that are not valid text in the file's encoding");
                }
                row[c] = converters.get(c).convert(raw);
            } catch (ValueRejected rejected) {
                if (reason == null) {
                    reason = rejected.reason();
                    detail = new StringBuilder(rejected.getMessage());
                } else {
                    detail.append("; ").append(rejected.getMessage());
                }
            }
        }
        if (reason == null) {
            sink.row(row, file, line);
        } else {
            sink.reject(new RecordReject(reason, detail.toString(), text.get(), RecordOrigins.origin(file, line)));
        }
    }
}
