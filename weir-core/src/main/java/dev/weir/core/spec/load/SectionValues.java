package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    private SectionValues(FileProblems problems, String path, MappingRule rule, Optional<YamlNode.Mapping> mapping,
            YamlNode anchor) {
        this.problems = Objects.requireNonNull(problems, "problems is null");
        this.path = Objects.requireNonNull(path, "path is null");
        this.rule = Objects.requireNonNull(rule, "rule is null");
        this.mapping = Objects.requireNonNull(mapping, "mapping is null");
        this.anchor = Objects.requireNonNull(anchor, "anchor is null");
    }

    static SectionValues root(FileProblems problems, YamlNode.Mapping root, MappingRule rule) {
        return new SectionValues(problems, "", rule, Optional.of(root), root);
    }

    /** The nested section under {@code key}; when it is absent, locations point at this section. */
    SectionValues section(String key) {
        Optional<YamlNode.Mapping> nested = node(key).filter(YamlNode.Mapping.class::isInstance)
                .map(YamlNode.Mapping.class::cast);
        return new SectionValues(problems, FileProblems.child(path, key), rule.require(key).nested().orElseThrow(),
                nested, nested.<YamlNode>map(m -> m).orElse(anchor));
    }

    /** Sections for each mapping in the list under {@code key}. */
    List<SectionValues> sections(String key) {
        MappingRule nested = rule.require(key).nested().orElseThrow();
        List<SectionValues> sections = new ArrayList<>();
        List<YamlNode> items = node(key).filter(YamlNode.Sequence.class::isInstance)
                .map(n -> ((YamlNode.Sequence) n).items()).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof YamlNode.Mapping item) {
                sections.add(new SectionValues(problems, FileProblems.item(FileProblems.child(path, key), i), nested,
                        Optional.of(item), item));
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
        return node(key).filter(YamlNode.Scalar.class::isInstance)
                .flatMap(n -> ((YamlNode.Scalar) n).asLong().stream().boxed().findFirst())
                .map(Long::intValue)
                .orElseGet(() -> Integer.parseInt(rule.require(key).defaultValue().orElseThrow()));
    }

    boolean bool(String key) {
        return node(key).filter(YamlNode.Scalar.class::isInstance)
                .map(n -> ((YamlNode.Scalar) n).value())
                .filter(Boolean.class::isInstance)
                .map(Boolean.class::cast)
                .orElseGet(() -> rule.require(key).defaultValue().map(Boolean::parseBoolean).orElse(false));
    }

    List<String> strings(String key) {
        return items(key).stream().filter(n -> n instanceof YamlNode.Scalar && !isUnresolved(n))
                .map(n -> ((YamlNode.Scalar) n).text()).toList();
    }

    /** The list under {@code key}, or empty. */
    List<YamlNode> items(String key) {
        return node(key).filter(YamlNode.Sequence.class::isInstance)
                .map(n -> ((YamlNode.Sequence) n).items()).orElse(List.of());
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

    /** The mappings in the list under {@code key} as plain Java values, order kept. */
    List<Map<String, Object>> plainMappings(String key) {
        return items(key).stream().filter(YamlNode.Mapping.class::isInstance)
                .map(n -> plainMapping((YamlNode.Mapping) n)).toList();
    }

    /** The enum constant whose YAML name is written under {@code key} (or is the default). */
    <E extends Enum<E>> Optional<E> choice(String key, E[] values, Function<E, String> yamlName) {
        return text(key).flatMap(t -> Arrays.stream(values).filter(v -> yamlName.apply(v).equals(t))
                .findFirst());
    }

    /** Where {@code key}'s value is written, else where the section is (or would be). */
    Location location(String key) {
        String field = FileProblems.child(path, key);
        return node(key).map(n -> problems.at(n, field))
                .or(() -> mapping.flatMap(m -> m.entry(key)).map(e -> problems.atKey(e, field)))
                .orElseGet(() -> problems.at(anchor, field));
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

    private static Map<String, Object> plainMapping(YamlNode.Mapping mapping) {
        Map<String, Object> plain = new LinkedHashMap<>();
        mapping.entries().forEach(e -> plain.put(e.key(), plain(e.value())));
        return Collections.unmodifiableMap(plain);
    }

    private static Object plain(YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            return plainMapping(m);
        }
        if (node instanceof YamlNode.Sequence s) {
            List<Object> items = new ArrayList<>();
            s.items().forEach(i -> items.add(plain(i)));
            return Collections.unmodifiableList(items);
        }
        return ((YamlNode.Scalar) node).value();
    }
}
