package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Typed reads from one spec mapping, after validation. Absent or malformed values (already
 * reported by the validator) read as the rule's default or as empty, so readers never fail on them.
 */
final class SectionValues {
    private final FileProblems problems;
    private final String path;
    private final MappingRule rule;
    private final Optional<YamlNode.Mapping> mapping;
    private final YamlNode anchor;

    private SectionValues(
            FileProblems problems, String path, MappingRule rule, Optional<YamlNode.Mapping> mapping, YamlNode anchor) {
        this.problems = Objects.requireNonNull(problems, "problems is null");
        this.path = Objects.requireNonNull(path, "path is null");
        this.rule = Objects.requireNonNull(rule, "rule is null");
        this.mapping = Objects.requireNonNull(mapping, "mapping is null");
        this.anchor = Objects.requireNonNull(anchor, "anchor is null");
    }

    static SectionValues root(FileProblems problems, YamlNode.Mapping root, MappingRule rule) {
        return new SectionValues(problems, "", rule, Optional.of(root), root);
    }

    /**
     * The nested section under {@code key}; when it is absent, locations point at this section. A
     * {@link ValueType#SELECTED_MAPPING} follows the variant its selector names, which the caller
     * has made sure is valid.
     */
    SectionValues section(String key) {
        Optional<YamlNode.Mapping> nested =
                node(key).filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast);
        KeyRule keyRule = rule.require(key);
        MappingRule nestedRule = keyRule.nested()
                .or(() -> keyRule.variants().flatMap(v -> text(v.selector()).map(v.rules()::get)))
                .orElseThrow(() -> new IllegalStateException("no rule for section '" + key + "' here"));
        return new SectionValues(
                problems,
                FileProblems.child(path, key),
                nestedRule,
                nested,
                nested.<YamlNode>map(m -> m).orElse(anchor));
    }

    /** Sections for each mapping in the list under {@code key}. */
    List<SectionValues> sections(String key) {
        MappingRule nested = rule.require(key).nested().orElseThrow();
        List<SectionValues> sections = new ArrayList<>();
        List<YamlNode> items = node(key)
                .filter(YamlNode.Sequence.class::isInstance)
                .map(n -> ((YamlNode.Sequence) n).items())
                .orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof YamlNode.Mapping item) {
                sections.add(new SectionValues(
                        problems,
                        FileProblems.item(FileProblems.child(path, key), i),
                        nested,
                        Optional.of(item),
                        item));
            }
        }
        return sections;
    }

    FileProblems problems() {
        return problems;
    }

    /** True when {@code key} is written with a non-empty value. */
    boolean has(String key) {
        return node(key).isPresent();
    }

    Optional<YamlNode> node(String key) {
        rule.require(key);
        return mapping.flatMap(m -> m.get(key));
    }

    /** The keys written in this section, in order. */
    List<String> writtenKeys() {
        return mapping.map(m -> m.entries().stream().map(YamlNode.Entry::key).toList())
                .orElse(List.of());
    }

    /**
     * True when this section holds a key its rule does not know (reported by the validator): a value
     * it seems to lack may be written under that key, so its absence is not reported again.
     */
    boolean hasUnknownKeys() {
        return mapping.map(m ->
                        m.entries().stream().anyMatch(e -> rule.key(e.key()).isEmpty()))
                .orElse(false);
    }

    /** The scalar text under {@code key}, else the rule's default; empty for an unresolved placeholder. */
    Optional<String> text(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || !(node.get() instanceof YamlNode.Scalar scalar)) {
            return rule.require(key).defaultValue();
        }
        return scalar.isUnresolved() ? Optional.empty() : Optional.of(scalar.text());
    }

    /** The integer under {@code key}, else the rule's default (every integer key in {@link SpecSchema} has one). */
    int integer(String key) {
        return node(key)
                .filter(YamlNode.Scalar.class::isInstance)
                .flatMap(n -> ((YamlNode.Scalar) n).asLong().stream().boxed().findFirst())
                .map(Long::intValue)
                .orElseGet(
                        () -> Integer.parseInt(rule.require(key).defaultValue().orElseThrow()));
    }

    /** The integer under {@code key}, else empty (absent or already reported as malformed). */
    OptionalLong longInteger(String key) {
        return node(key)
                .filter(YamlNode.Scalar.class::isInstance)
                .map(n -> ((YamlNode.Scalar) n).asLong())
                .orElse(OptionalLong.empty());
    }

    /** The number under {@code key}, else the rule's default, else empty. */
    OptionalDouble number(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isPresent()) {
            return node.get() instanceof YamlNode.Scalar scalar ? scalar.asDouble() : OptionalDouble.empty();
        }
        return rule.require(key).defaultValue().stream()
                .mapToDouble(Double::parseDouble)
                .findFirst();
    }

    boolean bool(String key) {
        return node(key)
                .filter(YamlNode.Scalar.class::isInstance)
                .map(n -> ((YamlNode.Scalar) n).value())
                .filter(Boolean.class::isInstance)
                .map(Boolean.class::cast)
                .orElseGet(() -> rule.require(key)
                        .defaultValue()
                        .map(Boolean::parseBoolean)
                        .orElse(false));
    }

    List<String> strings(String key) {
        return items(key).stream()
                .filter(n -> n instanceof YamlNode.Scalar && !isUnresolved(n))
                .map(n -> ((YamlNode.Scalar) n).text())
                .toList();
    }

    /** The list under {@code key}, or empty. */
    List<YamlNode> items(String key) {
        return node(key)
                .filter(YamlNode.Sequence.class::isInstance)
                .map(n -> ((YamlNode.Sequence) n).items())
                .orElse(List.of());
    }

    /** The scalar pairs of the mapping under {@code key}, in written order. */
    Map<String, String> pairs(String key) {
        Map<String, String> pairs = new LinkedHashMap<>();
        node(key).filter(YamlNode.Mapping.class::isInstance).ifPresent(n -> {
            for (YamlNode.Entry e : ((YamlNode.Mapping) n).entries()) {
                if (e.value() instanceof YamlNode.Scalar s && !s.isNull() && !s.isUnresolved()) {
                    pairs.put(e.key(), s.text());
                }
            }
        });
        return pairs;
    }

    /** The enum constant whose YAML name is written under {@code key} (or is the default). */
    <E extends Enum<E>> Optional<E> choice(String key, E[] values, Function<E, String> yamlName) {
        return text(key)
                .flatMap(t -> Arrays.stream(values)
                        .filter(v -> yamlName.apply(v).equals(t))
                        .findFirst());
    }

    /** Where {@code key}'s value is written, else where the section is (or would be). */
    Location location(String key) {
        String field = FileProblems.child(path, key);
        return node(key)
                .map(n -> problems.at(n, field))
                .or(() -> mapping.flatMap(m -> m.entry(key)).map(e -> problems.atKey(e, field)))
                .orElseGet(() -> problems.at(anchor, field));
    }

    /**
     * Reports {@code key} as missing the way the validator reports a required key: at the key when
     * it is written without a value, else at this section.
     */
    void reportMissing(String key, String hint) {
        String field = FileProblems.child(path, key);
        mapping.flatMap(m -> m.entry(key))
                .ifPresentOrElse(
                        entry -> problems.add(problems.atKey(entry, field), "Missing value for '" + key + "'", hint),
                        () -> problems.add(problems.at(anchor, field), "Missing required key '" + key + "'", hint));
    }

    /** Where this section is written. */
    Location here() {
        return problems.at(anchor, path);
    }

    String path() {
        return path;
    }

    private static boolean isUnresolved(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.isUnresolved();
    }
}
