package dev.weir.core.spec.load;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A parsed YAML value that remembers where it was written (1-based line and column). */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    int column();

    /** How a message names this kind of value: "a mapping", "a list", "a string", ... */
    String describe();

    /** A mapping in the order it was written; duplicate keys were reported and dropped by the reader. */
    record Mapping(List<Entry> entries, int line, int column) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        /** The value under {@code key}, empty when absent or written as an empty (null) value. */
        Optional<YamlNode> get(String key) {
            return entry(key).map(Entry::value).filter(v -> !(v instanceof Scalar s && s.isNull()));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One {@code key: value} pair; the position is the key's. */
    record Entry(String key, int line, int column, YamlNode value) {
        public Entry {
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(value, "value is null");
        }
    }

    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar with its text as written (after placeholder substitution) and what YAML resolved it
     * to; {@code UNRESOLVED} marks a value whose placeholder could not be resolved (already reported),
     * which later checks skip.
     */
    record Scalar(String text, Kind kind, int line, int column) implements YamlNode {
        enum Kind {
            STRING,
            INTEGER,
            DECIMAL,
            TRUE,
            FALSE,
            NULL,
            UNRESOLVED
        }

        public Scalar {
            Objects.requireNonNull(text, "text is null");
            Objects.requireNonNull(kind, "kind is null");
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        boolean isUnresolved() {
            return kind == Kind.UNRESOLVED;
        }

        boolean isBoolean() {
            return kind == Kind.TRUE || kind == Kind.FALSE;
        }

        boolean isNumber() {
            return kind == Kind.INTEGER || kind == Kind.DECIMAL;
        }

        OptionalLong asLong() {
            if (kind != Kind.INTEGER) {
                return OptionalLong.empty();
            }
            // Long.decode reads YAML 1.1's hex (0x1F) and octal (017) forms too.
            String digits = text.replace("_", "");
            try {
                return OptionalLong.of(Long.decode(digits));
            } catch (NumberFormatException notHexOrOctal) {
                try {
                    return OptionalLong.of(Long.parseLong(digits));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }

        /** The exact number an integer or decimal scalar holds; empty for other kinds and for .inf and .nan. */
        Optional<BigDecimal> asDecimal() {
            if (kind == Kind.INTEGER && asLong().isPresent()) {
                return Optional.of(BigDecimal.valueOf(asLong().getAsLong()));
            }
            if (!isNumber()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new BigDecimal(text.replace("_", "")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** {@link #asDecimal()} as a double; empty when it is beyond a double's range. */
        OptionalDouble asDouble() {
            return asDecimal()
                    .map(BigDecimal::doubleValue)
                    .filter(Double::isFinite)
                    .map(OptionalDouble::of)
                    .orElseGet(OptionalDouble::empty);
        }

        /** The plain Java value: String, Integer, Long, Double, Boolean or null; odd numbers stay text. */
        Object value() {
            return switch (kind) {
                case STRING, UNRESOLVED -> text;
                case INTEGER -> integerValue();
                case DECIMAL -> decimalValue();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
            };
        }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "a string";
                case INTEGER -> "an integer";
                case DECIMAL -> "a number";
                case TRUE, FALSE -> "a boolean";
                case NULL -> "an empty value";
                case UNRESOLVED -> "an unresolved placeholder";
            };
        }

        private Object integerValue() {
            OptionalLong parsed = asLong();
            if (parsed.isEmpty()) {
                return text;
            }
            long v = parsed.getAsLong();
            if (v == (int) v) {
                return Integer.valueOf((int) v);
            }
            return Long.valueOf(v);
        }

        private Object decimalValue() {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
    }
}
