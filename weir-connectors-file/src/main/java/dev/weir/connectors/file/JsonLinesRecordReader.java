package dev.weir.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordSink;
import dev.weir.core.spi.SourceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Reads JSON-lines files, one object per physical line, into declared columns by key: a missing
 * key is NULL, keys nobody declared are ignored. A line that is not a JSON object, or whose values
 * do not convert, is a reject with its text and line. A byte order mark before the first line is
 * not part of it.
 */
final class JsonLinesRecordReader implements RecordReader {
    private static final char BOM = '\uFEFF';

    private final List<SourceFile> files;
    private final List<DeclaredColumn> columns;
    private final ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    JsonLinesRecordReader(List<SourceFile> files, List<DeclaredColumn> columns) {
        this.files = List.copyOf(files);
        this.columns = List.copyOf(columns);
    }

    @Override
    public void read(RecordSink sink) {
        for (SourceFile file : files) {
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
                        "the line is a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                                + ", not an object",
                        record,
                        file.relativePath(),
                        number));
                continue;
            }
            values.clear();
            for (DeclaredColumn column : columns) {
                values.add(text(node.get(column.name())));
            }
            layout.convert(values, () -> record, file.relativePath(), number, sink);
        }
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
