package dev.weir.core.spec.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What one key of a spec mapping may hold: type, whether it is required, allowed and planned
 * values, bounds, text format and default. Built fluently: {@code KeyRule.of("tier", INTEGER,
 * "tier: 1").range(1, 3).defaultsTo("3")}.
 *
 * @param example a complete YAML line, quoted in hints ("add a line like 'tier: 1'")
 * @param planned values that are part of the template but not implemented yet, with a hint each
 */
record KeyRule(
        String key,
        ValueType type,
        String example,
        boolean isRequired,
        List<String> allowed,
        Map<String, String> planned,
        OptionalLong min,
        OptionalLong max,
        Optional<TextFormat> format,
        Optional<String> defaultValue,
        Optional<MappingRule> nested) {

    /** A pattern scalar text (or each list item) must match, and how to describe it to a user. */
    record TextFormat(Pattern pattern, String description) {
        TextFormat {
            Objects.requireNonNull(pattern, "pattern is null");
            Objects.requireNonNull(description, "description is null");
        }
    }

    KeyRule {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(example, "example is null");
        allowed = List.copyOf(allowed);
        planned = Map.copyOf(planned);
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(defaultValue, "defaultValue is null");
        Objects.requireNonNull(nested, "nested is null");
        if ((type == ValueType.MAPPING || type == ValueType.MAPPING_LIST) != nested.isPresent()) {
            throw new IllegalArgumentException(key + ": a nested rule goes with MAPPING and MAPPING_LIST only");
        }
    }

    static KeyRule of(String key, ValueType type, String example) {
        return new KeyRule(key, type, example, false, List.of(), Map.of(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static KeyRule section(String key, MappingRule nested, String example) {
        return new KeyRule(key, ValueType.MAPPING, example, false, List.of(), Map.of(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of(nested));
    }

    static KeyRule sectionList(String key, MappingRule nested, String example) {
        return new KeyRule(key, ValueType.MAPPING_LIST, example, false, List.of(), Map.of(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of(nested));
    }

    KeyRule required() {
        return new KeyRule(key, type, example, true, allowed, planned, min, max, format, defaultValue, nested);
    }

    KeyRule oneOf(List<String> values) {
        return new KeyRule(key, type, example, isRequired, values, planned, min, max, format, defaultValue, nested);
    }

    KeyRule planned(String value, String hint) {
        Map<String, String> more = new LinkedHashMap<>(planned);
        more.put(value, hint);
        return new KeyRule(key, type, example, isRequired, allowed, more, min, max, format, defaultValue, nested);
    }

    KeyRule atLeast(long lower) {
        return new KeyRule(key, type, example, isRequired, allowed, planned, OptionalLong.of(lower), max, format,
                defaultValue, nested);
    }

    KeyRule range(long lower, long upper) {
        return new KeyRule(key, type, example, isRequired, allowed, planned, OptionalLong.of(lower),
                OptionalLong.of(upper), format, defaultValue, nested);
    }

    KeyRule format(Pattern pattern, String description) {
        return new KeyRule(key, type, example, isRequired, allowed, planned, min, max,
                Optional.of(new TextFormat(pattern, description)), defaultValue, nested);
    }

    KeyRule defaultsTo(String value) {
        return new KeyRule(key, type, example, isRequired, allowed, planned, min, max, format, Optional.of(value),
                nested);
    }
}
