package dev.weir.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import dev.weir.core.spi.SourceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;

/**
 * Reads JSON-lines files, one object per physical line, into declared columns by key, ignoring
 * case as SQL names do: a missing key is NULL, keys of no column are ignored. A line that is not a
 * JSON object, has two keys for one column, or whose values do not convert, is a reject with its
 * text and line. A byte order mark before the first line is
 * not part of it.
 */
final class JsonLinesRecordReader implements RecordReader {
    private static final char BOM = '\uFEFF';

    private final List<SourceFile> files;
    private final List<DeclaredColumn> columns;
    private final Map<SourceFile, RecordReject> wholeFileRejects;
    /** Each column's position by its name and by its name in lower case: keys match ignoring case, as SQL names do. */
    private final Map<String, Integer> positions = new HashMap<>();

    private final ObjectMapper json = JsonMapper.builder(factory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 2.50 is text "2.50" for a text column, as written, not 2.5
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** @param wholeFileRejects files that are one reject each, without being parsed: binary content among the text files */
    JsonLinesRecordReader(
            List<SourceFile> files, List<DeclaredColumn> columns, Map<SourceFile, RecordReject> wholeFileRejects) {
        this.files = List.copyOf(files);
        this.wholeFileRejects = Map.copyOf(wholeFileRejects);
        this.columns = List.copyOf(columns);
        for (int c = 0; c < this.columns.size(); c++) {
            String name = this.columns.get(c).name();
            positions.putIfAbsent(name, c);
            positions.putIfAbsent(name.toLowerCase(Locale.ROOT), c);
        }
    }

    /** How JSON lines are parsed: any string length, and a key twice in one object is not valid JSON. */
    static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    @Override
    public void read(RecordSink sink) {
        for (SourceFile file : files) {
            RecordReject whole = wholeFileRejects.get(file);
            if (whole != null) {
                sink.reject(whole);
                continue;
            }
            try (BufferedReader lines = new BufferedReader(TextFiles.open(file, "utf-8"), 1 << 16)) {
                readFile(file, lines, sink);
            } catch (IOException e) {
                throw TextFiles.unreadable(file, e);
            }
        }
    }

    @Override
    public Map<Long, String> texts(String file, SortedSet<Long> lines) {
        for (SourceFile source : files) {
            if (source.relativePath().equals(file) && !lines.isEmpty()) {
                try (BufferedReader text = new BufferedReader(TextFiles.open(source, "utf-8"), 1 << 16)) {
                    return RecordTexts.ofLines(text, lines);
                } catch (NoSuchFileException gone) {
                    return Map.of();
                } catch (IOException e) {
                    throw TextFiles.unreadable(source, e);
                }
            }
        }
        return Map.of();
    }

    private void readFile(SourceFile file, BufferedReader lines, RecordSink sink) throws IOException {
        RecordLayout layout = new RecordLayout(columns);
        layout.matchColumns();
        List<String> values = new ArrayList<>(columns.size());
        String[] keys = new String[columns.size()];
        long number = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String record = line;
            JsonNode node;
            try {
                node = json.readTree(record);
            } catch (JsonProcessingException e) {
                sink.reject(RecordOrigins.malformed(
                        "the line is not valid JSON ("
                                + e.getOriginalMessage().lines().findFirst().orElse("") + ")",
                        record,
                        file.relativePath(),
                        number));
                continue;
            }
            if (!node.isObject()) {
                sink.reject(RecordOrigins.malformed(
                        "the line is a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object",
                        record,
                        file.relativePath(),
                        number));
                continue;
            }
            String twice = collect(node, keys, values);
            if (twice != null) {
                sink.reject(RecordOrigins.malformed(twice, record, file.relativePath(), number));
                continue;
            }
            layout.convert(values, () -> record, file.relativePath(), number, sink);
        }
    }

    /**
     * Puts the text of each column's value of {@code node} into {@code values} (null for a key the
     * line lacks); returns why the line is malformed when two of its keys name one column.
     */
    private String collect(JsonNode node, String[] keys, List<String> values) {
        values.clear();
        for (int c = 0; c < columns.size(); c++) {
            values.add(null);
        }
        Arrays.fill(keys, null);
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            Integer at = positions.get(key);
            if (at == null) {
                at = positions.get(key.toLowerCase(Locale.ROOT));
            }
            if (at == null) {
                continue;
            }
            if (keys[at] != null) {
                return "the keys '" + keys[at] + "' and '" + key + "' name one column (column names ignore case)";
            }
            keys[at] = key;
            values.set(at, text(field.getValue()));
        }
        return null;
    }

    /** A JSON value as the text its column converts: numbers as written, nested values as JSON. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }
}
