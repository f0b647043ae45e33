package dev.weir.core.spec.load;

import dev.weir.core.plan.DidYouMean;
import java.util.List;
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
            rule.key(entry.key()).ifPresentOrElse(
                    keyRule -> check(entry.value(), keyRule, field, problems),
                    () -> problems.add(problems.atKey(entry, field), "Unknown key '" + entry.key() + "'",
                            DidYouMean.hint(entry.key(), rule.keyNames())
                                    .orElse("allowed keys: " + String.join(", ", rule.keyNames()))));
        }
        for (KeyRule keyRule : rule.keys()) {
            if (keyRule.isRequired() && mapping.get(keyRule.key()).isEmpty()) {
                String field = FileProblems.child(path, keyRule.key());
                String hint = "add a line like '" + keyRule.example() + "'";
                mapping.entry(keyRule.key()).ifPresentOrElse(
                        entry -> problems.add(problems.atKey(entry, field),
                                "Missing value for '" + keyRule.key() + "'", hint),
                        () -> problems.add(mapping, field, "Missing required key '" + keyRule.key() + "'", hint));
            }
        }
    }

    private void check(YamlNode value, KeyRule rule, String path, FileProblems problems) {
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
            case INTEGER -> checkInteger(value, rule, path, problems);
            case BOOLEAN -> {
                if (!(value instanceof YamlNode.Scalar scalar && scalar.isBoolean())) {
                    wrongType(value, rule, path, problems);
                }
            }
            case STRING_LIST -> forEachItem(value, rule, path, problems, (item, itemPath) -> {
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
            case MAPPING_LIST -> forEachItem(value, rule, path, problems, (item, itemPath) -> {
                if (item instanceof YamlNode.Mapping mapping) {
                    validate(mapping, rule.nested().orElseThrow(), itemPath, problems);
                } else {
                    problems.add(item, itemPath, "Expected a mapping, found " + item.describe(), exampleHint(rule));
                }
            });
            case STRING_MAP -> checkStringMap(value, rule, path, problems);
            case FREE_MAPPING_LIST -> forEachItem(value, rule, path, problems, (item, itemPath) -> {
                if (!(item instanceof YamlNode.Mapping)) {
                    problems.add(item, itemPath, "Expected a mapping, found " + item.describe(), exampleHint(rule));
                }
            });
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
                problems.add(entry.value(), FileProblems.child(path, entry.key()),
                        "Expected a string, found " + entry.value().describe(), exampleHint(rule));
            }
        }
    }

    private void checkInteger(YamlNode value, KeyRule rule, String path, FileProblems problems) {
        OptionalLong number = value instanceof YamlNode.Scalar scalar ? scalar.asLong() : OptionalLong.empty();
        boolean integer = value instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.INTEGER;
        if (integer && (number.isEmpty() || number.getAsLong() != (int) number.getAsLong())) {
            problems.add(value, path, "Invalid value " + ((YamlNode.Scalar) value).text() + ": too large",
                    exampleHint(rule));
            return;
        }
        if (number.isEmpty()) {
            wrongType(value, rule, path, problems);
            return;
        }
        long n = number.getAsLong();
        boolean tooLow = rule.min().isPresent() && n < rule.min().getAsLong();
        boolean tooHigh = rule.max().isPresent() && n > rule.max().getAsLong();
        if (tooLow || tooHigh) {
            String bounds = rule.max().isPresent()
                    ? "between " + rule.min().getAsLong() + " and " + rule.max().getAsLong()
                    : rule.min().getAsLong() + " or more";
            problems.add(value, path, "Invalid value " + n + ": must be " + bounds, exampleHint(rule));
        }
    }

    private void checkText(YamlNode.Scalar scalar, KeyRule rule, String path, FileProblems problems) {
        String text = scalar.text();
        if (rule.planned().containsKey(text)) {
            problems.add(scalar, path, "Value '" + text + "' is not implemented yet", rule.planned().get(text));
        } else if (!rule.allowed().isEmpty() && !rule.allowed().contains(text)) {
            String hint = "use one of " + String.join(", ", rule.allowed())
                    + DidYouMean.hint(text, rule.allowed()).map(h -> "; " + h).orElse("");
            problems.add(scalar, path, "Invalid value '" + text + "'", hint);
        } else if (rule.format().isPresent() && !rule.format().get().pattern().matcher(text).matches()) {
            problems.add(scalar, path, "Invalid value '" + text + "'", "use " + rule.format().get().description());
        }
    }

    private void wrongType(YamlNode value, KeyRule rule, String path, FileProblems problems) {
        problems.add(value, path, "Expected " + rule.type().expected() + ", found " + value.describe(),
                exampleHint(rule));
    }

    private static String exampleHint(KeyRule rule) {
        return "write it like '" + rule.example() + "'";
    }
}
