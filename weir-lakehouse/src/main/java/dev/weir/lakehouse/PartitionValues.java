package dev.weir.lakehouse;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;

/**
 * Builds Iceberg partition tuples from the already-transformed values an engine reports. Engines
 * hand over JDBC-style Java values (a {@code Long} for days since epoch, a {@code LocalDate} for
 * an identity date, ...), so each is converted to Iceberg's internal representation.
 */
final class PartitionValues {
    private PartitionValues() {}

    /**
     * The partition of the task's file as {@link dev.weir.core.spi.DataFileRef#partition} names it,
     * with its spec's id, so that files of an older spec are not merged with those of the current one.
     */
    static String nameOf(FileScanTask task) {
        PartitionSpec spec = task.spec();
        return spec.isUnpartitioned()
                ? ""
                : spec.specId() + ":" + spec.partitionToPath(task.file().partition());
    }

    static PartitionData of(PartitionSpec spec, List<Object> values, String path) {
        Types.StructType type = spec.partitionType();
        if (values.size() != type.fields().size()) {
            throw new IllegalArgumentException("Cannot add " + path + ": " + values.size() + " partition values for "
                    + type.fields().size() + " partition fields of " + spec);
        }
        PartitionData data = new PartitionData(type);
        for (int i = 0; i < values.size(); i++) {
            data.set(i, internal(values.get(i), type.fields().get(i).type(), path));
        }
        return data;
    }

    private static Object internal(Object value, Type type, String path) {
        if (value == null) {
            return null;
        }
        Object converted = switch (type.typeId()) {
            case INTEGER, DATE -> toInt(value);
            case LONG, TIME, TIMESTAMP -> toLong(value);
            case STRING -> value.toString();
            case BOOLEAN -> value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
            case FLOAT -> value instanceof Number n ? n.floatValue() : null;
            case DOUBLE -> value instanceof Number n ? n.doubleValue() : null;
            case DECIMAL -> new BigDecimal(value.toString()).setScale(((Types.DecimalType) type).scale());
            case UUID -> value instanceof UUID u ? u : UUID.fromString(value.toString());
            case BINARY ->
                value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value instanceof ByteBuffer b ? b : null;
            default -> null;
        };
        if (converted == null) {
            throw new IllegalArgumentException("Cannot add " + path + ": partition value " + value + " ("
                    + value.getClass().getSimpleName() + ") does not fit type " + type);
        }
        return converted;
    }

    private static Integer toInt(Object value) {
        if (value instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        if (value instanceof LocalDate date) {
            return DateTimeUtil.daysFromDate(date);
        }
        return null;
    }

    private static Long toLong(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof LocalDateTime timestamp) {
            return DateTimeUtil.microsFromTimestamp(timestamp);
        }
        if (value instanceof OffsetDateTime timestamp) {
            return DateTimeUtil.microsFromTimestamptz(timestamp);
        }
        if (value instanceof LocalTime time) {
            return DateTimeUtil.microsFromTime(time);
        }
        return null;
    }
}
