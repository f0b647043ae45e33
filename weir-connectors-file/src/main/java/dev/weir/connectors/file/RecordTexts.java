package dev.weir.connectors.file;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;

/**
 * Finds the original texts of a few records again, by the physical line each starts on, reading a
 * file the way its reader did: rows keep only their origin, and only a rejected row needs its text.
 */
final class RecordTexts {
    private static final char BOM = '\uFEFF';

    private RecordTexts() {}

    /**
     * The CSV records starting on {@code lines}, cut out as {@link CsvRecordReader} cuts a reject's
     * text; stops at the last line asked for, or where the file no longer parses.
     */
    static Map<Long, String> ofCsv(TrackingReader chars, CsvParser parser, SortedSet<Long> lines) {
        Map<Long, String> texts = new HashMap<>();
        long recordEnd = 0;
        try {
            while (true) {
                long recordStart = recordEnd;
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return texts;
                }
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        return texts;
                    }
                }
                recordEnd = Math.min(parser.currentLocation().getCharOffset(), chars.end());
                long start = chars.skipLineEnds(recordStart, recordEnd);
                long line = chars.lineOf(start);
                if (lines.contains(line)) {
                    texts.put(line, chars.text(start, recordEnd));
                }
                chars.forgetBefore(recordEnd);
                if (line >= lines.last()) {
                    return texts;
                }
            }
        } catch (IOException | RuntimeException unparsable) {
            // records past a point the parser cannot get past were rejects, never rows
            return texts;
        }
    }

    /** The JSON lines numbered {@code lines}, as {@link JsonLinesRecordReader} numbers them. */
    static Map<Long, String> ofLines(BufferedReader text, SortedSet<Long> lines) throws IOException {
        Map<Long, String> texts = new HashMap<>();
        long number = 0;
        String line;
        while (number < lines.last() && (line = text.readLine()) != null) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            if (lines.contains(number)) {
                texts.put(number, line);
            }
        }
        return texts;
    }
}
