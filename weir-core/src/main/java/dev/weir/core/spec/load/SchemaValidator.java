package dev.weir.core.spec.load;

import dev.weir.core.plan.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Checks a YAML tree against a {@link MappingRule}: unknown keys, missing required keys, value
 * types, allowed values, bounds and text formats, reporting each problem where it was written.
 * An empty value ({@code key:}) counts as absent.
 */
final class SchemaValidator {

    void validate(YamlNode.Mapping mapping, MappingRule rule, String path, FileProblems problems) {
        for (YamlNode.Entry entry : mapping.entries()) {
            String field = FileProblems.child(path, entry.key());
            rule.key(entry.key())
                    .ifPresentOrElse(
                            keyRule -> check(entry.value(), keyRule, mapping, field, problems),
                            () -> problems.add(
                                    problems.atKey(entry, field),
                                    "Unknown key '" + entry.key() + "'",
                                    unknownKeyHint(entry.key(), mapping, rule)));
        }
        for (KeyRule keyRule : rule.keys()) {
            Optional<MappingRule> selected = selectedRule(keyRule, mapping);
            // A variant's key written one level up was reported as such ("move it under"); that covers it.
            boolean misplaced = selected.filter(s -> mapping.entries().stream()
                            .anyMatch(e -> rule.key(e.key()).isEmpty()
                                    && s.key(e.key()).isPresent()))
                    .isPresent();
            boolean required = keyRule.isRequired()
                    || selected.filter(s -> !misplaced && s.keys().stream().anyMatch(KeyRule::isRequired))
                            .isPresent();
            if (required && mapping.get(keyRule.key()).isEmpty()) {
                String field = FileProblems.child(path, keyRule.key());
                String hint = "add a line like '"
                        + selected.map(s -> requiredExample(keyRule, s)).orElse(keyRule.example()) + "'";
                mapping.entry(keyRule.key())
                        .ifPresentOrElse(
                                entry -> problems.add(
                                        problems.atKey(entry, field),
                                        "Missing value for '" + keyRule.key() + "'",
                                        hint),
                                () -> problems.add(
                                        mapping, field, "Missing required key '" + keyRule.key() + "'", hint));
            }
        }
    }

    /**
     * The rule a {@link ValueType#SELECTED_MAPPING} key follows in {@code parent}: the variant its
     * selector's value names; empty when the selector is absent or invalid (reported on its own).
     */
    private static Optional<MappingRule> selectedRule(KeyRule rule, YamlNode.Mapping parent) {
        return rule.variants()
                .flatMap(v -> parent.get(v.selector())
                        .filter(YamlNode.Scalar.class::isInstance)
                        .map(n -> v.rules().get(((YamlNode.Scalar) n).text())));
    }

    // A key that belongs one level down (a check's 'min' outside its params) is pointed there.
    private static String unknownKeyHint(String key, YamlNode.Mapping mapping, MappingRule rule) {
        Optional<String> close = DidYouMean.hint(key, rule.keyNames());
        if (close.isPresent()) {
            return close.get();
        }
        List<String> owners = new ArrayList<>();
        for (KeyRule keyRule : rule.keys()) {
            Optional<MappingRule> nested =
                    keyRule.type() == ValueType.MAPPING ? keyRule.nested() : selectedRule(keyRule, mapping);
            if (nested.filter(n -> n.key(key).isPresent()).isPresent()) {
                owners.add("'" + keyRule.key() + ":'");
            }
        }
        if (owners.size() == 1) {
            return "move it under " + owners.get(0);
        }
        if (!owners.isEmpty()) {
            return "move it under one of " + String.join(", ", owners);
        }
        return "allowed keys: " + String.join(", ", rule.keyNames());
    }

    private static String requiredExample(KeyRule rule, MappingRule selected) {
        return rule.key() + ": {"
                + String.join(
                        ", ",
                        selected.keys().stream()
                                .filter(KeyRule::isRequired)
                                .map(KeyRule::example)
                                .toList()) + "}";
    }

    private void check(YamlNode value, KeyRule rule, YamlNode.Mapping parent, String path, FileProblems problems) {
        if (value instanceof YamlNode.Scalar scalar && (scalar.isNull() || scalar.isUnresolved())) {
            return;
        }
        switch (rule.type()) {
            case STRING -> {
                if (value instanceof YamlNode.Scalar scalar) {
                    checkText(scalar, rule, path, problems);
                } else {
                    wrongType(value, rule, path, problems);
                }
            }
            case INTEGER, LONG -> checkInteger(value, rule, path, problems);
            case NUMBER -> checkNumber(value, rule, path, problems);
            case LITERAL -> checkLiteral(value, rule, path, problems);
            case BOOLEAN -> {
                if (!(value instanceof YamlNode.Scalar scalar && scalar.isBoolean())) {
                    wrongType(value, rule, path, problems);
                }
            }
            case STRING_LIST ->
                forEachItem(value, rule, path, problems, (item, itemPath) -> {
                    if (item instanceof YamlNode.Scalar scalar && scalar.isUnresolved()) {
                        return;
                    }
                    if (item instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
                        checkText(scalar, rule, itemPath, problems);
                    } else {
                        problems.add(item, itemPath, "Expected a string, found " + item.describe(), exampleHint(rule));
                    }
                });
            case MAPPING -> {
                if (value instanceof YamlNode.Mapping mapping) {
                    validate(mapping, rule.nested().orElseThrow(), path, problems);
                } else {
                    wrongType(value, rule, path, problems);
                }
            }
            case SELECTED_MAPPING -> {
                if (value instanceof YamlNode.Mapping mapping) {
                    selectedRule(rule, parent)
                            .ifPresent(selected -> checkSelected(mapping, selected, rule, parent, path, problems));
                } else {
                    wrongType(value, rule, path, problems);
                }
            }
            case MAPPING_LIST ->
                forEachItem(value, rule, path, problems, (item, itemPath) -> {
                    if (item instanceof YamlNode.Mapping mapping) {
                        validate(mapping, rule.nested().orElseThrow(), itemPath, problems);
                    } else {
                        problems.add(item, itemPath, "Expected a mapping, found " + item.describe(), exampleHint(rule));
                    }
                });
            case STRING_MAP -> checkStringMap(value, rule, path, problems);
            case NAMED_MAPPINGS -> {
                if (!(value instanceof YamlNode.Mapping mapping)) {
                    wrongType(value, rule, path, problems);
                    return;
                }
                for (YamlNode.Entry e : mapping.entries()) {
                    if (!(e.value() instanceof YamlNode.Mapping)) {
                        problems.add(
                                e.value(),
                                FileProblems.child(path, e.key()),
                                "Expected a mapping, found " + e.value().describe(),
                                exampleHint(rule));
                    }
                }
            }
        }
    }

    // A variant without keys ('not_null' params) gets one problem rather than one per key with no allowed keys to list.
    private void checkSelected(
            YamlNode.Mapping mapping,
            MappingRule selected,
            KeyRule rule,
            YamlNode.Mapping parent,
            String path,
            FileProblems problems) {
        if (selected.keys().isEmpty() && !mapping.entries().isEmpty()) {
            String selector = rule.variants().orElseThrow().selector();
            String value = ((YamlNode.Scalar) parent.get(selector).orElseThrow()).text();
            problems.add(
                    mapping,
                    path,
                    capitalized(selector) + " '" + value + "' takes no " + rule.key(),
                    "remove '" + rule.key() + "'");
        } else {
            validate(mapping, selected, path, problems);
        }
    }

    private interface ItemCheck {
        void check(YamlNode item, String itemPath);
    }

    private void forEachItem(YamlNode value, KeyRule rule, String path, FileProblems problems, ItemCheck check) {
        if (!(value instanceof YamlNode.Sequence sequence)) {
            wrongType(value, rule, path, problems);
            return;
        }
        List<YamlNode> items = sequence.items();
        for (int i = 0; i < items.size(); i++) {
            check.check(items.get(i), FileProblems.item(path, i));
        }
    }

    private void checkStringMap(YamlNode value, KeyRule rule, String path, FileProblems problems) {
        if (!(value instanceof YamlNode.Mapping mapping)) {
            wrongType(value, rule, path, problems);
            return;
        }
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!(entry.value() instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                problems.add(
                        entry.value(),
                        FileProblems.child(path, entry.key()),
                        "Expected a string, found " + entry.value().describe(),
                        exampleHint(rule));
            }
        }
    }

    private void checkInteger(YamlNode value, KeyRule rule, String path, FileProblems problems) {
        OptionalLong number = value instanceof YamlNode.Scalar scalar ? scalar.asLong() : OptionalLong.empty();
        boolean integer = value instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.INTEGER;
        boolean fits =
                number.isPresent() && (rule.type() == ValueType.LONG || number.getAsLong() == (int) number.getAsLong());
        if (integer && !fits) {
            problems.add(
                    value,
                    path,
                    "Invalid value " + ((YamlNode.Scalar) value).text() + ": too large",
                    exampleHint(rule));
            return;
        }
        if (number.isEmpty()) {
            wrongType(value, rule, path, problems);
            return;
        }
        checkBounds(number.getAsLong(), String.valueOf(number.getAsLong()), rule, value, path, problems);
    }

    private void checkNumber(YamlNode value, KeyRule rule, String path, FileProblems problems) {
        if (!(value instanceof YamlNode.Scalar scalar) || !scalar.isNumber()) {
            wrongType(value, rule, path, problems);
            return;
        }
        OptionalDouble number = scalar.asDouble();
        if (number.isEmpty()) {
            problems.add(
                    value, path, "Invalid value " + scalar.text() + ": must be a finite number", exampleHint(rule));
            return;
        }
        checkBounds(number.getAsDouble(), scalar.text(), rule, value, path, problems);
    }

    private void checkLiteral(YamlNode value, KeyRule rule, String path, FileProblems problems) {
        if (!(value instanceof YamlNode.Scalar scalar) || scalar.isBoolean()) {
            wrongType(value, rule, path, problems);
        } else if (scalar.isNumber() && scalar.asDecimal().isEmpty()) {
            problems.add(
                    value, path, "Invalid value " + scalar.text() + ": must be a finite number", exampleHint(rule));
        }
    }

    private void checkBounds(double n, String text, KeyRule rule, YamlNode value, String path, FileProblems problems) {
        boolean tooLow = rule.min().isPresent()
                && (rule.exclusiveMin()
                        ? n <= rule.min().getAsLong()
                        : n < rule.min().getAsLong());
        boolean tooHigh = rule.max().isPresent() && n > rule.max().getAsLong();
        if (tooLow || tooHigh) {
            problems.add(value, path, "Invalid value " + text + ": must be " + bounds(rule), exampleHint(rule));
        }
    }

    private static String bounds(KeyRule rule) {
        long min = rule.min().getAsLong();
        String lower = rule.exclusiveMin() ? "more than " + min : min + " or more";
        if (rule.max().isEmpty()) {
            return lower;
        }
        long max = rule.max().getAsLong();
        return rule.exclusiveMin() ? lower + " and at most " + max : "between " + min + " and " + max;
    }

    private void checkText(YamlNode.Scalar scalar, KeyRule rule, String path, FileProblems problems) {
        String text = scalar.text();
        if (rule.planned().containsKey(text)) {
            problems.add(
                    scalar,
                    path,
                    "Value '" + text + "' is not implemented yet",
                    rule.planned().get(text));
        } else if (!rule.allowed().isEmpty() && !rule.allowed().contains(text)) {
            String hint = "use one of " + String.join(", ", rule.allowed())
                    + DidYouMean.hint(text, rule.allowed()).map(h -> "; " + h).orElse("");
            problems.add(scalar, path, "Invalid value '" + text + "'", hint);
        } else if (rule.format().isPresent()
                && !rule.format().get().pattern().matcher(text).matches()) {
            problems.add(
                    scalar,
                    path,
                    "Invalid value '" + text + "'",
                    "use " + rule.format().get().description());
        }
    }

    private void wrongType(YamlNode value, KeyRule rule, String path, FileProblems problems) {
        problems.add(
                value, path, "Expected " + rule.type().expected() + ", found " + value.describe(), exampleHint(rule));
    }

    private static String exampleHint(KeyRule rule) {
        return "write it like '" + rule.example() + "'";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
