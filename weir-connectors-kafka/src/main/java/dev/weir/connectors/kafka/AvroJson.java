package dev.weir.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * A decoded Avro datum as the JSON the value converter reads, so that Avro values convert to their
 * columns exactly as JSON values do: numbers as numbers, logical types as their ISO text (a
 * {@code timestamp-millis} as a UTC time with its offset, a {@code date} as {@code 2024-03-01}), a
 * {@code decimal} as its exact digits, other bytes as base64, records and maps as objects.
 */
final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private AvroJson() {}

    static JsonNode of(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            JsonNode text = logical(datum, logical);
            if (text != null) {
                return text;
            }
        }
        return switch (schema.getType()) {
            case RECORD -> record((GenericRecord) datum, schema);
            case UNION -> of(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)));
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object element : (Iterable<?>) datum) {
                    array.add(of(element, schema.getElementType()));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    map.set(entry.getKey().toString(), of(entry.getValue(), schema.getValueType()));
                }
                yield map;
            }
            case INT -> NODES.numberNode((Integer) datum);
            case LONG -> NODES.numberNode((Long) datum);
            case FLOAT -> NODES.numberNode((Float) datum);
            case DOUBLE -> NODES.numberNode((Double) datum);
            case BOOLEAN -> NODES.booleanNode((Boolean) datum);
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) datum)));
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case STRING, ENUM -> NODES.textNode(datum.toString());
            case NULL -> NODES.nullNode();
        };
    }

    private static ObjectNode record(GenericRecord record, Schema schema) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            object.set(field.name(), of(record.get(field.pos()), field.schema()));
        }
        return object;
    }

    /** The ISO text of a logical type's value; null for one read as its underlying type. */
    private static JsonNode logical(Object datum, LogicalType logical) {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            byte[] unscaled = datum instanceof GenericFixed fixed ? fixed.bytes() : bytes((ByteBuffer) datum);
            return NODES.numberNode(new BigDecimal(new BigInteger(unscaled), decimal.getScale()));
        }
        return switch (logical.getName()) {
            case "date" -> NODES.textNode(LocalDate.ofEpochDay((Integer) datum).toString());
            case "time-millis" ->
                NODES.textNode(
                        DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofNanoOfDay((Integer) datum * 1_000_000L)));
            case "time-micros" ->
                NODES.textNode(DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofNanoOfDay((Long) datum * 1_000L)));
            case "timestamp-millis" -> utc(Instant.ofEpochMilli((Long) datum));
            case "timestamp-micros" -> utc(micros((Long) datum));
            case "local-timestamp-millis" -> local(Instant.ofEpochMilli((Long) datum));
            case "local-timestamp-micros" -> local(micros((Long) datum));
            default -> null;
        };
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static JsonNode utc(Instant instant) {
        return NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC)));
    }

    private static JsonNode local(Instant instant) {
        return NODES.textNode(
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
