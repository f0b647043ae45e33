package dev.weir.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.connectors.file.DeclaredColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Avro values ({@code value_format: avro} or {@code avro-confluent}): binary Avro of one writer
 * schema, read from {@code schema_file}. In the Confluent wire format a value starts with a zero
 * magic byte and a 4-byte schema id, which are skipped: the schema is the file's, whatever the id.
 *
 * @param schema the writer schema, a record
 * @param file the schema file as {@code extract.schema_file} names it, for messages
 * @param confluent whether values carry the Confluent magic byte and schema id first
 */
record AvroValueFormat(Schema schema, String file, boolean confluent) {
    private static final int CONFLUENT_HEADER = 5;

    AvroValueFormat {
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(file, "file is null");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("schema is not a record: " + schema.getType());
        }
    }

    /** A value that is no Avro of the schema; its message says why. */
    static final class MalformedValue extends Exception {
        MalformedValue(String message) {
            super(message);
        }
    }

    /** The value as JSON, field by field of the schema. */
    JsonNode decode(byte[] value) throws MalformedValue {
        return reader().decode(value);
    }

    /** A reader of values for one thread, which reuses its decoding state from value to value. */
    Reader reader() {
        return new Reader();
    }

    /** Decodes the values of one batch; not safe to use from several threads. */
    final class Reader {
        // a GenericData of its own: no logical type conversions, so AvroJson sees the encoded values
        private final GenericDatumReader<Object> datums = new GenericDatumReader<>(schema, schema, new GenericData());
        private BinaryDecoder decoder;

        JsonNode decode(byte[] value) throws MalformedValue {
            int start = 0;
            if (confluent) {
                if (value.length < CONFLUENT_HEADER || value[0] != 0) {
                    throw new MalformedValue("the value does not start with the Confluent wire format's magic byte 0"
                            + " and a 4-byte schema id");
                }
                start = CONFLUENT_HEADER;
            }
            decoder = DecoderFactory.get().binaryDecoder(value, start, value.length - start, decoder);
            Object datum;
            try {
                datum = datums.read(null, decoder);
                if (!decoder.isEnd()) {
                    throw new MalformedValue(
                            "the value is longer than a record of " + schema.getFullName() + " in " + file);
                }
            } catch (IOException | RuntimeException e) {
                throw new MalformedValue("the value is not Avro of " + schema.getFullName() + " in " + file + " ("
                        + Objects.requireNonNullElse(
                                e.getMessage(), e.getClass().getSimpleName()) + ")");
            }
            return AvroJson.of(datum, schema);
        }

        /**
         * The value as people read it in the quarantine: its record as JSON, or base64 when it is no
         * Avro of the schema.
         */
        String text(byte[] value) {
            try {
                return decode(value).toString();
            } catch (MalformedValue e) {
                return "base64:" + Base64.getEncoder().encodeToString(value);
            }
        }
    }

    /**
     * The columns of the schema's fields, for a pipeline that declares none: a field that is not
     * optional (a union with null) is {@code NOT NULL}; nested records are JSON text, or with
     * {@code flatten} columns {@code a_b}; arrays, maps and unions of several types are JSON text.
     */
    List<DeclaredColumn> columns(boolean flatten) {
        List<DeclaredColumn> columns = new ArrayList<>();
        addColumns(schema, "", flatten, false, columns);
        return columns;
    }

    private static void addColumns(
            Schema record, String prefix, boolean flatten, boolean optional, List<DeclaredColumn> columns) {
        for (Schema.Field field : record.getFields()) {
            Schema type = field.schema();
            boolean nullable = optional;
            if (type.isNullable() && type.getType() == Schema.Type.UNION) {
                List<Schema> present = type.getTypes().stream()
                        .filter(t -> t.getType() != Schema.Type.NULL)
                        .toList();
                nullable = true;
                type = present.size() == 1 ? present.get(0) : type;
            }
            String name = prefix + field.name();
            if (flatten && type.getType() == Schema.Type.RECORD) {
                addColumns(type, name + "_", true, nullable, columns);
            } else {
                columns.add(DeclaredColumn.parse(name, sqlType(type) + (nullable ? "" : " NOT NULL")));
            }
        }
    }

    /** The declared type a field of {@code type} converts to, as {@code columns} would write it. */
    private static String sqlType(Schema type) {
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return "DECIMAL(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        if (logical != null) {
            switch (logical.getName()) {
                case "date":
                    return "DATE";
                case "time-millis", "time-micros":
                    return "TIME";
                case "timestamp-millis", "timestamp-micros":
                    return "TIMESTAMPTZ";
                case "local-timestamp-millis", "local-timestamp-micros":
                    return "TIMESTAMP";
                case "uuid":
                    return "UUID";
                default:
                    break;
            }
        }
        return switch (type.getType()) {
            case BOOLEAN -> "BOOLEAN";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case ENUM ->
                type.getEnumSymbols().stream()
                        .map(symbol -> "'" + symbol + "'")
                        .collect(Collectors.joining(",", "ENUM(", ")"));
            default -> "VARCHAR";
        };
    }
}
