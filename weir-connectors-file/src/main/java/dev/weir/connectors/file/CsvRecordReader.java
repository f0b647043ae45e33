package dev.weir.connectors.file;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CSV files record by record into declared columns, matched by header name: each file may
 * order its columns differently, carry columns nobody declared (ignored) or lack nullable ones
 * (NULL). A record that cannot be parsed, or whose values do not convert, is a reject with its
 * original text and the physical line it starts on, quoted line breaks counted.
 */
final class CsvRecordReader implements RecordReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvRecordReader.class);
    private static final char BOM = '\uFEFF';

    private final List<SourceFile> files;
    private final CsvOptions csv;
    private final List<DeclaredColumn> columns;
    private final boolean failOnMissingColumns;
    /** Files that are one reject each, without being parsed: binary content among the text files. */
    private final Map<SourceFile, RecordReject> wholeFileRejects;

    private final CsvFactory factory;

    /**
     * {@code failOnMissingColumns}: a file whose header lacks a {@code NOT NULL} column fails the read
     * before any of its records is read ({@code extract.missing_columns: fail}); otherwise each of its
     * records is a {@code missing_column} reject.
     */
    CsvRecordReader(
            List<SourceFile> files,
            CsvOptions csv,
            List<DeclaredColumn> columns,
            boolean failOnMissingColumns,
            Map<SourceFile, RecordReject> wholeFileRejects) {
        this.files = List.copyOf(files);
        this.wholeFileRejects = Map.copyOf(wholeFileRejects);
        this.csv = csv;
        this.columns = List.copyOf(columns);
        this.failOnMissingColumns = failOnMissingColumns;
        this.factory = CsvFactory.builder()
                // a record as long as the file is still one record: 8 MB fields are data, not attacks
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxDocumentLength(-1)
                        .build())
                .build();
    }

    @Override
    public void read(RecordSink sink) {
        for (SourceFile file : files) {
            RecordReject whole = wholeFileRejects.get(file);
            if (whole != null) {
                sink.reject(whole);
            } else {
                readFile(file, sink);
            }
        }
    }

    @Override
    public Map<Long, String> texts(String file, SortedSet<Long> lines) {
        for (SourceFile source : files) {
            if (source.relativePath().equals(file) && !lines.isEmpty()) {
                try (TrackingReader chars = new TrackingReader(TextFiles.open(source, csv.encoding()));
                        CsvParser parser = parser(chars)) {
                    return RecordTexts.ofCsv(chars, parser, lines);
                } catch (NoSuchFileException gone) {
                    return Map.of();
                } catch (IOException e) {
                    throw TextFiles.unreadable(source, e);
                }
            }
        }
        return Map.of();
    }

    private void readFile(SourceFile file, RecordSink sink) {
        try (TrackingReader chars = new TrackingReader(TextFiles.open(file, csv.encoding()));
                CsvParser parser = parser(chars)) {
            new FileRecords(file, chars, parser, sink).readAll();
        } catch (IOException e) {
            throw TextFiles.unreadable(file, e);
        }
    }

    private CsvParser parser(TrackingReader chars) throws IOException {
        CsvParser parser = factory.createParser(chars);
        parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        parser.enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL);
        // "1,2," is three values, the last empty: a trailing delimiter is not to be forgiven silently
        parser.disable(CsvParser.Feature.ALLOW_TRAILING_COMMA);
        parser.setSchema(schema(csv));
        return parser;
    }

    /** One file being read: its header's mapping to the columns and where the last record ended. */
    private final class FileRecords {
        private final SourceFile file;
        private final TrackingReader chars;
        private final CsvParser parser;
        private final RecordSink sink;
        private final List<String> values = new ArrayList<>();
        private final RecordLayout layout = new RecordLayout(columns);
        private long recordEnd;
        private long recordLine;

        FileRecords(SourceFile file, TrackingReader chars, CsvParser parser, RecordSink sink) {
            this.file = file;
            this.chars = chars;
            this.parser = parser;
            this.sink = sink;
        }

        /** Where the record being read starts: where the one before it ended. */
        private long recordStart;

        void readAll() throws IOException {
            if (csv.header() && !readHeader()) {
                return;
            }
            if (!csv.header()) {
                layout.matchPositions(columns.size());
            }
            while (true) {
                try {
                    if (!next()) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    rejectRest("the record cannot be parsed (" + firstLine(e) + "); it runs to the end of the file");
                    return;
                }
                long start = chars.skipLineEnds(recordStart, recordEnd);
                long end = recordEnd;
                if (values.size() == 1 && values.get(0) == null && start == end) {
                    continue; // a blank line (the parser skips only those ending in a bare \n)
                }
                layout.convert(values, () -> chars.text(start, end), file.relativePath(), recordLine, sink);
                chars.forgetBefore(recordEnd);
            }
        }

        /** Reads the header row and matches it to the columns; false for a file without even a header. */
        private boolean readHeader() {
            try {
                if (!next()) {
                    LOG.warn("{} is empty, without even a header row: it holds no records", file.relativePath());
                    return false;
                }
            } catch (IOException | RuntimeException e) {
                rejectRest("the header row cannot be parsed (" + firstLine(e) + "); the whole file is one reject");
                return false;
            }
            List<String> header = new ArrayList<>(values);
            if (!header.isEmpty()
                    && header.get(0) != null
                    && !header.get(0).isEmpty()
                    && header.get(0).charAt(0) == BOM) {
                header.set(0, header.get(0).substring(1));
            }
            layout.matchHeader(file, header);
            List<String> missing = layout.missingRequired();
            if (failOnMissingColumns && !missing.isEmpty()) {
                throw new WeirException(
                        ErrorCode.MALFORMED_INPUT,
                        "Cannot load file: its header lacks the NOT NULL column"
                                + (missing.size() == 1 ? " '" + missing.get(0) + "'" : "s " + missing),
                        Location.ofLine(file.relativePath(), 1),
                        "add " + (missing.size() == 1 ? "it" : "them") + " to the file, or declare "
                                + (missing.size() == 1 ? "it" : "them")
                                + " without NOT NULL; with extract.missing_columns: reject (the default) each record"
                                + " of such a file is a missing_column reject",
                        null);
            }
            chars.forgetBefore(recordEnd);
            return true;
        }

        /** Reads the next record's values; false at the end of the file. */
        private boolean next() throws IOException {
            recordStart = recordEnd;
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new IOException("unexpected " + token + " at the start of a record");
            }
            values.clear();
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new IOException("the file ends inside a record");
                }
                values.add(token == JsonToken.VALUE_NULL ? null : parser.getText());
            }
            recordEnd = Math.min(parser.currentLocation().getCharOffset(), chars.end());
            recordLine = chars.lineOf(chars.skipLineEnds(recordStart, recordEnd));
            return true;
        }

        /** Reads what the parser has not: the parser may have closed the input once it met the file's end. */
        private void drain() {
            char[] buffer = new char[8192];
            try {
                while (chars.read(buffer, 0, buffer.length) > 0) {
                    // kept by the tracking reader
                }
            } catch (IOException closedAtTheEnd) {
                // nothing more to read
            }
        }

        /** A record the parser cannot get past (an unterminated quote): it and the rest of the file are one reject. */
        private void rejectRest(String why) {
            long start = chars.skipLineEnds(recordStart, chars.end());
            long line = chars.lineOf(start);
            drain();
            String text = chars.text(start, chars.end());
            if (text.isEmpty()) {
                return;
            }
            sink.reject(RecordOrigins.malformed(why, text, file.relativePath(), line));
        }
    }

    /** The layout {@code csv} describes, for Jackson's parser: delimiter, quote and escape. */
    static CsvSchema schema(CsvOptions csv) {
        CsvSchema schema = CsvSchema.emptySchema()
                .withColumnSeparator(csv.delimiter().charAt(0))
                .withQuoteChar(csv.quote().charAt(0));
        return csv.escape().equals(csv.quote())
                ? schema
                : schema.withEscapeChar(csv.escape().charAt(0));
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
