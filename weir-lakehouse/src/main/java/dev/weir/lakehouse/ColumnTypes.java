package dev.weir.lakehouse;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Converts between Weir's column type names and Iceberg primitive types. */
final class ColumnTypes {
    static final String SUPPORTED =
            "boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz, string, uuid, binary";

    private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Map<String, Type.PrimitiveType> NAMED = Map.ofEntries(
            Map.entry("boolean", Types.BooleanType.get()),
            Map.entry("int", Types.IntegerType.get()),
            Map.entry("long", Types.LongType.get()),
            Map.entry("float", Types.FloatType.get()),
            Map.entry("double", Types.DoubleType.get()),
            Map.entry("date", Types.DateType.get()),
            Map.entry("time", Types.TimeType.get()),
            Map.entry("timestamp", Types.TimestampType.withoutZone()),
            Map.entry("timestamptz", Types.TimestampType.withZone()),
            Map.entry("string", Types.StringType.get()),
            Map.entry("uuid", Types.UUIDType.get()),
            Map.entry("binary", Types.BinaryType.get()));

    private ColumnTypes() {}

    /** The Iceberg type named {@code name}, or empty when Weir does not support it. */
    static Optional<Type.PrimitiveType> parse(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(normalized);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            return precision >= 1 && precision <= 38 && scale <= precision
                    ? Optional.of(Types.DecimalType.of(precision, scale))
                    : Optional.empty();
        }
        return Optional.ofNullable(NAMED.get(normalized));
    }

    /** Weir's name of {@code type}, or empty when Weir does not support it (nested types, fixed, ...). */
    static Optional<String> render(Type type) {
        if (type instanceof Types.DecimalType decimal) {
            return Optional.of("decimal(" + decimal.precision() + "," + decimal.scale() + ")");
        }
        return NAMED.entrySet().stream()
                .filter(e -> e.getValue().equals(type))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
