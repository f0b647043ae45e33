package dev.weir.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.connectors.file.JsonRecordConverter;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code tombstones: delete}: a message without a value becomes a row of the value's columns that
 * holds only the key columns, read from the message key, so that the merge deletes that key. A key
 * that is a JSON object fills the key columns by field name; any other key is the text of the one key
 * column. The key's values convert as the value's fields would; a key that does not is a reject.
 */
final class TombstoneRows {
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> keyColumns;
    private final JsonRecordConverter keys;
    private final int[] positions;
    private final int width;

    TombstoneRows(List<DeclaredColumn> columns, List<String> keyColumns) {
        this.keyColumns = List.copyOf(keyColumns);
        List<DeclaredColumn> declared = keyColumns.stream()
                .map(k -> columns.stream()
                        .filter(c -> c.name().equals(k))
                        .findFirst()
                        .orElseThrow())
                .toList();
        this.keys = new JsonRecordConverter(declared, false);
        this.positions = declared.stream().mapToInt(columns::indexOf).toArray();
        this.width = columns.size();
    }

    /** Hands the row of the tombstone with {@code key} at {@code offset} of {@code where} to {@code sink}, or its reject. */
    void convert(byte[] key, String where, long offset, RecordSink sink) {
        if (key == null) {
            sink.reject(new RecordReject(
                    "tombstone",
                    "the message has neither a value nor a key, so it deletes nothing",
                    "",
                    where + ":" + offset));
            return;
        }
        keys.convert(keyFields(new String(key, StandardCharsets.UTF_8)), where, offset, new RecordSink() {
            @Override
            public void row(Object[] values, String file, long line) {
                Object[] row = new Object[width];
                for (int k = 0; k < positions.length; k++) {
                    row[positions[k]] = values[k];
                }
                sink.row(row, file, line);
            }

            @Override
            public void reject(RecordReject reject) {
                sink.reject(new RecordReject(
                        reject.reason(), "the tombstone's key: " + reject.detail(), "", reject.origin()));
            }
        });
    }

    /** The key as fields of the key columns: a JSON object as it is, any other key as the one column's text. */
    private JsonNode keyFields(String key) {
        try {
            JsonNode parsed = json.readTree(key);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
            if (parsed != null && parsed.isTextual()) {
                key = parsed.asText();
            }
        } catch (JsonProcessingException notJson) {
            // a plain key, such as 17 or order-17: the text of the one key column
        }
        ObjectNode fields = json.createObjectNode();
        if (keyColumns.size() == 1) {
            fields.put(keyColumns.get(0), key);
        }
        return fields;
    }
}
