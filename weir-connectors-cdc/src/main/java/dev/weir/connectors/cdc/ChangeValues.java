package dev.weir.connectors.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts the values of Debezium's change events (Kafka Connect values, with Debezium's semantic
 * types: days since the epoch for a date, microseconds for times and timestamps, ISO text for a
 * timestamp with a time zone, decimals as text) to the Java values of the batch's Iceberg columns,
 * the types a JDBC read of the same table gives. A value that does not fit is a reject, never rounded.
 */
final class ChangeValues {
    /** What Debezium sends for a TOASTed value an update did not change, when the row's old image is not logged. */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

    private ChangeValues() {}

    /** A value the column cannot hold, with the reject reason it is counted under. */
    static final class Unfit extends Exception {
        private final String reason;

        Unfit(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    static Object convert(Object value, Schema schema, String icebergType, String column) throws Unfit {
        if (value == null) {
            return null;
        }
        if (UNAVAILABLE.equals(value) || value instanceof ByteBuffer b && isUnavailable(b)) {
            throw new Unfit(
                    "unavailable_value",
                    "column '" + column + "': the update did not log this unchanged TOASTed value; set REPLICA"
                            + " IDENTITY FULL on the table");
        }
        String name = schema == null || schema.name() == null ? "" : schema.name();
        try {
            return switch (icebergType) {
                case "boolean" -> (Boolean) value;
                case "int" -> ((Number) value).intValue();
                case "long" -> ((Number) value).longValue();
                case "float" -> ((Number) value).floatValue();
                case "double" -> ((Number) value).doubleValue();
                case "date" -> date(value, name);
                case "time" -> time(value, name);
                case "timestamp" -> timestamp(value, name);
                case "timestamptz" -> timestampTz(value, name);
                case "uuid" -> UUID.fromString(value.toString());
                case "string" -> text(value);
                default -> decimal(value, icebergType, column);
            };
        } catch (DateTimeParseException | IllegalArgumentException | ClassCastException | ArithmeticException e) {
            throw new Unfit(
                    "malformed_value",
                    "column '" + column + "': " + value + " (" + name + ") does not convert to " + icebergType);
        }
    }

    private static boolean isUnavailable(ByteBuffer bytes) {
        return bytes.duplicate().equals(ByteBuffer.wrap(UNAVAILABLE.getBytes(StandardCharsets.UTF_8)));
    }

    private static LocalDate date(Object value, String name) {
        if (name.equals("io.debezium.time.Date")) {
            return LocalDate.ofEpochDay(((Number) value).longValue());
        }
        if (value instanceof java.util.Date legacy) {
            return LocalDate.ofInstant(legacy.toInstant(), ZoneOffset.UTC);
        }
        return LocalDate.parse(value.toString());
    }

    private static LocalTime time(Object value, String name) {
        long number = value instanceof Number n ? n.longValue() : -1;
        return switch (name) {
            case "io.debezium.time.Time" -> LocalTime.ofNanoOfDay(number * 1_000_000L);
            case "io.debezium.time.MicroTime" -> LocalTime.ofNanoOfDay(number * 1_000L);
            case "io.debezium.time.NanoTime" -> LocalTime.ofNanoOfDay(number);
            default -> LocalTime.parse(value.toString());
        };
    }

    private static LocalDateTime timestamp(Object value, String name) {
        long number = value instanceof Number n ? n.longValue() : 0;
        Instant instant = switch (name) {
            case "io.debezium.time.Timestamp" -> Instant.ofEpochMilli(number);
            case "io.debezium.time.MicroTimestamp" -> Instant.EPOCH.plusNanos(Math.multiplyExact(number, 1_000L));
            case "io.debezium.time.NanoTimestamp" -> Instant.EPOCH.plusNanos(number);
            default ->
                value instanceof java.util.Date legacy
                        ? legacy.toInstant()
                        : LocalDateTime.parse(value.toString()).toInstant(ZoneOffset.UTC);
        };
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static OffsetDateTime timestampTz(Object value, String name) {
        if (value instanceof Number number) {
            return timestamp(number, name).atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String text(Object value) {
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] data = new byte[copy.remaining()];
            copy.get(data);
            return HEX.formatHex(data);
        }
        if (value instanceof byte[] data) {
            return HEX.formatHex(data);
        }
        if (value instanceof List<?> list) {
            try {
                return JSON.writeValueAsString(list);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return value.toString();
    }

    private static BigDecimal decimal(Object value, String icebergType, String column) throws Unfit {
        Matcher decimal = DECIMAL.matcher(icebergType);
        if (!decimal.matches()) {
            throw new IllegalArgumentException("No conversion to " + icebergType);
        }
        int precision = Integer.parseInt(decimal.group(1));
        int scale = Integer.parseInt(decimal.group(2));
        BigDecimal number = value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
        BigDecimal scaled;
        try {
            scaled = number.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new Unfit(
                    "out_of_range", "column '" + column + "': " + number + " has more than " + scale + " decimals");
        }
        if (scaled.precision() - scaled.scale() > precision - scale) {
            throw new Unfit("out_of_range", "column '" + column + "': " + number + " does not fit " + icebergType);
        }
        return scaled;
    }
}
