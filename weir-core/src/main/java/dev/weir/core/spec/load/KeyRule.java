package dev.weir.core.spec.load;

import java.util.Collections;
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
 * "tier: 1").range(1, 3).defaultsTo("3")}. Source plugins describe their {@code extract:} keys with it.
 *
 * @param example a complete YAML line, quoted in hints ("add a line like 'tier: 1'")
 * @param planned values that are part of the template but not implemented yet, with a hint each
 * @param exclusiveMin whether {@code min} itself is refused ({@code max_age_hours} must be more than 0)
 * @param nested the keys of a {@link ValueType#MAPPING} or of each item of a {@link ValueType#MAPPING_LIST}
 * @param variants the keys of a {@link ValueType#SELECTED_MAPPING}, by the value of its selector key
 */
public record KeyRule(
        String key,
        ValueType type,
        String example,
        boolean isRequired,
        List<String> allowed,
        Map<String, String> planned,
        OptionalLong min,
        OptionalLong max,
        boolean exclusiveMin,
        Optional<TextFormat> format,
        Optional<String> defaultValue,
        Optional<MappingRule> nested,
        Optional<Variants> variants) {

    /** A pattern scalar text (or each list item) must match, and how to describe it to a user. */
    public record TextFormat(Pattern pattern, String description) {
        public TextFormat {
            Objects.requireNonNull(pattern, "pattern is null");
            Objects.requireNonNull(description, "description is null");
        }
    }

    /**
     * The rule a {@link ValueType#SELECTED_MAPPING} follows for each value of the sibling key
     * {@code selector}, in the order the documentation lists them.
     */
    public record Variants(String selector, Map<String, MappingRule> rules) {
        public Variants {
            Objects.requireNonNull(selector, "selector is null");
            rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        }
    }

    public KeyRule {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(example, "example is null");
        allowed = List.copyOf(allowed);
        planned = Map.copyOf(planned);
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(defaultValue, "defaultValue is null");
        Objects.requireNonNull(nested, "nested is null");
        Objects.requireNonNull(variants, "variants is null");
        if ((type == ValueType.MAPPING || type == ValueType.MAPPING_LIST) != nested.isPresent()) {
            throw new IllegalArgumentException(key + ": a nested rule goes with MAPPING and MAPPING_LIST only");
        }
        if ((type == ValueType.SELECTED_MAPPING) != variants.isPresent()) {
            throw new IllegalArgumentException(key + ": variants go with SELECTED_MAPPING only");
        }
    }

    public static KeyRule of(String key, ValueType type, String example) {
        return new KeyRule(
                key,
                type,
                example,
                false,
                List.of(),
                Map.of(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public static KeyRule section(String key, MappingRule nested, String example) {
        return new KeyRule(
                key,
                ValueType.MAPPING,
                example,
                false,
                List.of(),
                Map.of(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.of(nested),
                Optional.empty());
    }

    public static KeyRule sectionList(String key, MappingRule nested, String example) {
        return new KeyRule(
                key,
                ValueType.MAPPING_LIST,
                example,
                false,
                List.of(),
                Map.of(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.of(nested),
                Optional.empty());
    }

    /** A mapping whose keys follow {@code rules.get(value of selector)}. */
    public static KeyRule selectedSection(String key, String selector, Map<String, MappingRule> rules, String example) {
        return new KeyRule(
                key,
                ValueType.SELECTED_MAPPING,
                example,
                false,
                List.of(),
                Map.of(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new Variants(selector, rules)));
    }

    public KeyRule required() {
        return new KeyRule(
                key,
                type,
                example,
                true,
                allowed,
                planned,
                min,
                max,
                exclusiveMin,
                format,
                defaultValue,
                nested,
                variants);
    }

    public KeyRule oneOf(List<String> values) {
        return new KeyRule(
                key,
                type,
                example,
                isRequired,
                values,
                planned,
                min,
                max,
                exclusiveMin,
                format,
                defaultValue,
                nested,
                variants);
    }

    public KeyRule planned(String value, String hint) {
        Map<String, String> more = new LinkedHashMap<>(planned);
        more.put(value, hint);
        return new KeyRule(
                key,
                type,
                example,
                isRequired,
                allowed,
                more,
                min,
                max,
                exclusiveMin,
                format,
                defaultValue,
                nested,
                variants);
    }

    public KeyRule atLeast(long lower) {
        return new KeyRule(
                key,
                type,
                example,
                isRequired,
                allowed,
                planned,
                OptionalLong.of(lower),
                max,
                false,
                format,
                defaultValue,
                nested,
                variants);
    }

    /** Values must be greater than {@code lower}. */
    public KeyRule above(long lower) {
        return new KeyRule(
                key,
                type,
                example,
                isRequired,
                allowed,
                planned,
                OptionalLong.of(lower),
                max,
                true,
                format,
                defaultValue,
                nested,
                variants);
    }

    public KeyRule range(long lower, long upper) {
        return new KeyRule(
                key,
                type,
                example,
                isRequired,
                allowed,
                planned,
                OptionalLong.of(lower),
                OptionalLong.of(upper),
                false,
                format,
                defaultValue,
                nested,
                variants);
    }

    public KeyRule format(Pattern pattern, String description) {
        return new KeyRule(
                key,
                type,
                example,
                isRequired,
                allowed,
                planned,
                min,
                max,
                exclusiveMin,
                Optional.of(new TextFormat(pattern, description)),
                defaultValue,
                nested,
                variants);
    }

    public KeyRule defaultsTo(String value) {
        return new KeyRule(
                key,
                type,
                example,
                isRequired,
                allowed,
                planned,
                min,
                max,
                exclusiveMin,
                format,
                Optional.of(value),
                nested,
                variants);
    }
}
