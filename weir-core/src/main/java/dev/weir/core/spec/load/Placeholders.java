package dev.weir.core.spec.load;

import dev.weir.core.spec.load.YamlNode.Scalar.Kind;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${file:path}} in string values, so secrets stay out of
 * spec files. Runs before validation: a substituted value is typed as if written plainly, so
 * {@code sla_minutes: ${env:SLA}} with {@code SLA=30} is an integer.
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+):([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    private final Path root;
    private final Function<String, Optional<String>> environment;

    Placeholders(Path root, Function<String, Optional<String>> environment) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.environment = Objects.requireNonNull(environment, "environment is null");
    }

    /**
     * Top-level sections whose values a plugin resolves itself, when a run uses them: a connection's
     * password is read when the run connects, so that {@code weir validate} needs no secret.
     */
    static final Set<String> LEFT_TO_PLUGINS = Set.of("connections");

    /** A copy of {@code node} with placeholders replaced; each one that cannot be resolved is reported. */
    YamlNode resolve(YamlNode node, String path, FileProblems problems) {
        if (LEFT_TO_PLUGINS.contains(path)) {
            return node;
        }
        if (node instanceof YamlNode.Mapping mapping) {
            List<YamlNode.Entry> entries = new ArrayList<>();
            for (YamlNode.Entry e : mapping.entries()) {
                YamlNode value = resolve(e.value(), FileProblems.child(path, e.key()), problems);
                entries.add(new YamlNode.Entry(e.key(), e.line(), e.column(), value));
            }
            return new YamlNode.Mapping(entries, mapping.line(), mapping.column());
        }
        if (node instanceof YamlNode.Sequence sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                items.add(resolve(item, FileProblems.item(path, items.size()), problems));
            }
            return new YamlNode.Sequence(items, sequence.line(), sequence.column());
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        if (scalar.kind() != Kind.STRING || !PLACEHOLDER.matcher(scalar.text()).find()) {
            return scalar;
        }
        return substitute(scalar, path, problems);
    }

    private YamlNode.Scalar substitute(YamlNode.Scalar scalar, String path, FileProblems problems) {
        Matcher m = PLACEHOLDER.matcher(scalar.text());
        StringBuilder out = new StringBuilder();
        boolean resolved = true;
        while (m.find()) {
            Optional<String> value = lookup(m.group(), m.group(1), m.group(2), scalar, path, problems);
            resolved &= value.isPresent();
            m.appendReplacement(out, Matcher.quoteReplacement(value.orElse("")));
        }
        m.appendTail(out);
        if (!resolved) {
            return new YamlNode.Scalar(scalar.text(), Kind.UNRESOLVED, scalar.line(), scalar.column());
        }
        String text = out.toString();
        return new YamlNode.Scalar(text, plainKind(text), scalar.line(), scalar.column());
    }

    private Optional<String> lookup(
            String placeholder, String kind, String argument, YamlNode at, String path, FileProblems problems) {
        return switch (kind) {
            case "env" -> env(placeholder, argument, at, path, problems);
            case "file" -> file(placeholder, argument, at, path, problems);
            default -> {
                problems.add(at, path, "Unknown placeholder '" + placeholder + "'", "use ${env:NAME} or ${file:path}");
                yield Optional.empty();
            }
        };
    }

    private Optional<String> env(String placeholder, String name, YamlNode at, String path, FileProblems problems) {
        if (!ENV_NAME.matcher(name).matches()) {
            problems.add(
                    at,
                    path,
                    "Invalid placeholder '" + placeholder + "'",
                    "environment variable names are letters, digits and _, e.g. ${env:DB_PASSWORD}");
            return Optional.empty();
        }
        Optional<String> value = environment.apply(name);
        if (value.isEmpty()) {
            problems.add(
                    at,
                    path,
                    "Environment variable " + name + " is not set",
                    "export " + name + " before running weir, or keep the value in a file and use ${file:path}");
        }
        return value;
    }

    private Optional<String> file(
            String placeholder, String relative, YamlNode at, String path, FileProblems problems) {
        String hint = "paths in ${file:...} are relative to the project root";
        try {
            return Optional.of(
                    Files.readString(root.resolve(relative.trim()).normalize()).trim());
        } catch (NoSuchFileException | InvalidPathException e) {
            problems.add(at, path, "Cannot read " + placeholder + ": file not found", hint);
        } catch (CharacterCodingException e) {
            problems.add(at, path, "Cannot read " + placeholder + ": not UTF-8 text", "save the file as UTF-8");
        } catch (IOException e) {
            problems.add(at, path, "Cannot read " + placeholder + ": " + e.getMessage(), hint);
        }
        return Optional.empty();
    }

    private static Kind plainKind(String text) {
        if (INTEGER.matcher(text).matches()) {
            return Kind.INTEGER;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Kind.DECIMAL;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Kind.TRUE;
            case "false" -> Kind.FALSE;
            default -> Kind.STRING;
        };
    }
}
