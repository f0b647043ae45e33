package dev.weir.core.spec.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.weir.core.error.Location;
import dev.weir.core.spec.load.YamlNode.Scalar.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree with Jackson's streaming parser, so every
 * value keeps its line and column. Syntax errors, duplicate keys, aliases and extra documents are
 * reported as problems, never thrown.
 */
final class YamlTreeReader {
    private static final String SYNTAX_HINT =
            "indent with spaces (not tabs), and quote values that contain ': ', ' #' or start with a special character";

    // Jackson's own messages may quote parser classes ("<org.yaml.snakeyaml.events.X(...)>"); users need not see them.
    private static final Pattern JAVA_NAME =
            Pattern.compile("\\s*<?\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:\\([^)]*\\))?>?");

    private final YAMLFactory factory = new YAMLFactory();

    /** The document's root; empty when the file holds no document or is not valid YAML (both reported). */
    Optional<YamlNode> read(String text, FileProblems problems) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Location(problems.file(), 0, 0, ""), "File is empty", emptyHint(problems.file()));
                return Optional.empty();
            }
            YamlNode root = node(parser, "", problems);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(
                        new Location(problems.file(), at.getLineNr(), at.getColumnNr(), ""),
                        "A second YAML document ('---') is not allowed",
                        "keep one document per file");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            problems.add(syntaxLocation(e, problems.file()), "Invalid YAML: " + syntaxMessage(e), SYNTAX_HINT);
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(Location.ofFile(problems.file()), "Invalid YAML: " + firstLine(e.getMessage()), SYNTAX_HINT);
            return Optional.empty();
        } catch (IOException e) {
            problems.add(Location.ofFile(problems.file()), "Cannot read file: " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    private YamlNode node(JsonParser parser, String path, FileProblems problems) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(parser, path, problems, line, column);
            case START_ARRAY -> sequence(parser, path, problems, line, column);
            case VALUE_STRING -> string(parser, path, problems, line, column);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(parser.getText(), Kind.INTEGER, line, column);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(parser.getText(), Kind.DECIMAL, line, column);
            case VALUE_TRUE -> new YamlNode.Scalar(parser.getText(), Kind.TRUE, line, column);
            case VALUE_FALSE -> new YamlNode.Scalar(parser.getText(), Kind.FALSE, line, column);
            case VALUE_NULL -> new YamlNode.Scalar("", Kind.NULL, line, column);
            default -> {
                // Jackson's only other value token here is an embedded object: a !!binary value.
                problems.add(
                        new Location(problems.file(), line, column, path),
                        "Binary values (!!binary) are not supported",
                        "write the value as text");
                yield new YamlNode.Scalar(parser.getText(), Kind.UNRESOLVED, line, column);
            }
        };
    }

    private YamlNode mapping(JsonParser parser, String path, FileProblems problems, int line, int column)
            throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            parser.nextToken();
            YamlNode value = node(parser, FileProblems.child(path, key), problems);
            if (keys.add(key)) {
                entries.add(new YamlNode.Entry(key, at.getLineNr(), at.getColumnNr(), value));
            } else {
                problems.add(
                        new Location(problems.file(), at.getLineNr(), at.getColumnNr(), FileProblems.child(path, key)),
                        "Duplicate key '" + key + "'",
                        "each key may appear once in a mapping; remove one");
            }
        }
        return new YamlNode.Mapping(entries, line, column);
    }

    private YamlNode sequence(JsonParser parser, String path, FileProblems problems, int line, int column)
            throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, FileProblems.item(path, items.size()), problems));
        }
        return new YamlNode.Sequence(items, line, column);
    }

    private YamlNode string(JsonParser parser, String path, FileProblems problems, int line, int column)
            throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(
                    new Location(problems.file(), line, column, path),
                    "YAML aliases (*" + parser.getText() + ") are not supported",
                    "write the value out in full");
        }
        return new YamlNode.Scalar(parser.getText(), Kind.STRING, line, column);
    }

    private static String emptyHint(String file) {
        if (file.startsWith(ProjectLoader.PIPELINES_DIR + "/")) {
            return "a pipeline file needs at least the pipeline, extract and load sections";
        }
        if (file.startsWith(ProjectLoader.CONTRACTS_DIR + "/")) {
            return "a contract file needs a contract section with at least name, version, owner and table";
        }
        return "weir.yaml needs at least a line like 'name: shop'";
    }

    // SnakeYAML knows the exact problem and position; Jackson's own message adds source details.
    private static Location syntaxLocation(JsonProcessingException e, String file) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            return new Location(file, mark.getLine() + 1, mark.getColumn() + 1, "");
        }
        JsonLocation at = e.getLocation();
        return at == null ? Location.ofFile(file) : new Location(file, at.getLineNr(), at.getColumnNr(), "");
    }

    private static String syntaxMessage(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext();
            return context == null ? marked.getProblem() : context + ": " + marked.getProblem();
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Expected a field name")) {
            return "mapping keys must be plain values, not lists or mappings";
        }
        return JAVA_NAME.matcher(message).replaceAll("").trim();
    }

    private static String firstLine(String message) {
        return message == null
                ? "unreadable document"
                : message.lines().findFirst().orElse(message);
    }
}
