package dev.weir.connectors.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts one JSON record into a row of the declared columns, or a reject with every reason.
 * Fields match columns by name ignoring case, as SQL names do; fields of no column are ignored, a
 * missing field is NULL. Nested objects are either kept as JSON text in the column of their field,
 * or flattened: field {@code customer.address.city} is column {@code customer_address_city}.
 * Arrays are always JSON text. Values convert exactly as the file source converts text: strictly,
 * never rounded, guessed or made NULL. Shared by the sources whose records are JSON objects
 * (an API's pages, a topic's messages).
 */
public final class JsonRecordConverter {
    private final List<ValueConverter> converters;
    private final boolean flatten;
    private final Map<String, Integer> positions = new HashMap<>();

    public JsonRecordConverter(List<DeclaredColumn> columns, boolean flatten) {
        this.converters = columns.stream().map(ValueConverter::new).toList();
        this.flatten = flatten;
        for (int c = 0; c < columns.size(); c++) {
            positions.putIfAbsent(columns.get(c).name().toLowerCase(Locale.ROOT), c);
        }
    }

    /**
     * Hands {@code record}, found at {@code line} of {@code where} (a page, a topic partition), to
     * {@code sink} as a row or a reject; a reject's origin is {@code where:line}.
     */
    public void convert(JsonNode record, String where, long line, RecordSink sink) {
        String origin = where + ":" + line;
        if (!record.isObject()) {
            sink.reject(new RecordReject(
                    "malformed_record",
                    "the record is a JSON " + record.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object",
                    record.toString(),
                    origin));
            return;
        }
        String[] texts = new String[converters.size()];
        String[] fields = new String[converters.size()];
        String clash = collect(record, "", texts, fields);
        if (clash != null) {
            sink.reject(new RecordReject("malformed_record", clash, record.toString(), origin));
            return;
        }
        Object[] row = new Object[converters.size()];
        String reason = null;
        StringBuilder detail = null;
        for (int c = 0; c < row.length; c++) {
            try {
                row[c] = converters.get(c).convert(texts[c]);
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
            sink.row(row, where, line);
        } else {
            sink.reject(new RecordReject(reason, detail.toString(), record.toString(), origin));
        }
    }

    /** Puts each column's text into {@code texts}; returns why the record is malformed when two fields name one column. */
    private String collect(JsonNode object, String prefix, String[] texts, String[] fields) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (flatten && value.isObject()) {
                String clash = collect(value, name + "_", texts, fields);
                if (clash != null) {
                    return clash;
                }
                continue;
            }
            Integer at = positions.get(name.toLowerCase(Locale.ROOT));
            if (at == null) {
                continue;
            }
            if (fields[at] != null) {
                return "the fields '" + fields[at] + "' and '" + name + "' name one column (column names ignore case"
                        + (flatten ? ", and nested fields are joined with _" : "") + ")";
            }
            fields[at] = name;
            texts[at] = text(value);
        }
        return null;
    }

    /** A JSON value as the text its column converts: numbers as written, nested values as JSON. */
    private static String text(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
