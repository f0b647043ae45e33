package dev.weir.connectors.jdbc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a connection: {@code url} (required), {@code user}, {@code password} (only as a
 * {@code ${env:NAME}} or {@code ${file:path}} placeholder) and {@code properties} (a mapping of
 * driver properties), from {@code connections:} in {@code weir.yaml} or from a file
 * {@code connections/<name>.yaml} of its own (for projects that keep each connection apart, or out
 * of version control), never both. Core leaves the placeholders of {@code connections:} alone, so
 * they are resolved only when a run connects. A problem names the file and line, never a value.
 */
final class ConnectionFiles {
    static final String DIRECTORY = "connections";
    static final String PROJECT_FILE = "weir.yaml";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private static final Set<String> KEYS = Set.of("url", "user", "password", "properties");
    private static final YAMLFactory YAML = new YAMLFactory();

    /** One problem in a connection file: where and what, and how to fix it. */
    record Problem(String message, String hint) {}

    /** A connection read, or the problems that kept it from being read. */
    record Result(Optional<ConnectionSpec> connection, List<Problem> problems) {}

    private final Path projectRoot;

    ConnectionFiles(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    Result read(String name) {
        String file = DIRECTORY + "/" + name + ".yaml";
        Path path = projectRoot.resolve(file);
        Optional<Result> inProject = fromProjectFile(name);
        boolean ownFile = Files.isRegularFile(path);
        if (inProject.isPresent() && ownFile) {
            return failed(new Problem(
                    "Connection '" + name + "' is defined twice: under connections in " + PROJECT_FILE + " and in "
                            + file,
                    "keep one of them"));
        }
        if (inProject.isPresent()) {
            return inProject.get();
        }
        if (!ownFile) {
            return failed(new Problem(
                    "No connection '" + name + "': " + PROJECT_FILE + " has none of that name under connections, and "
                            + file + " does not exist",
                    "add it to " + PROJECT_FILE + ", such as 'connections: {" + name
                            + ": {url: \"jdbc:postgresql://localhost:5432/shop\", user: weir, password:"
                            + " \"${env:DB_PASSWORD}\"}}', or create " + file));
        }
        try (JsonParser parser = YAML.createParser(path.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return failed(
                        new Problem(file + ": not a mapping", "write keys such as 'url: jdbc:...' at the top level"));
            }
            return readMapping(parser, file, name);
        } catch (IOException e) {
            // Jackson's message quotes the text around the error, which may be a password
            return failed(new Problem(file + ": not valid YAML", "check the file's indentation and quoting"));
        }
    }

    /**
     * The connection {@code name} under {@code connections:} in {@code weir.yaml}, when it has one.
     * A project file that does not parse has no connection here: core reports what is wrong with it.
     */
    private Optional<Result> fromProjectFile(String name) {
        Path path = projectRoot.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (JsonParser parser = YAML.createParser(path.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean connections = parser.currentName().equals("connections");
                JsonToken value = parser.nextToken();
                if (!connections || value != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean named = parser.currentName().equals(name);
                    if (parser.nextToken() == JsonToken.START_OBJECT && named) {
                        return Optional.of(readMapping(parser, PROJECT_FILE, name));
                    }
                    parser.skipChildren();
                }
                return Optional.empty();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads a connection's keys from {@code parser}, just past the mapping's start, up to its end. */
    private static Result readMapping(JsonParser parser, String file, String name) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation at = parser.currentLocation();
            JsonToken value = parser.nextToken();
            String where = file + ":" + at.getLineNr() + ": ";
            if (!KEYS.contains(key)) {
                problems.add(new Problem(where + "Unknown key '" + key + "'", "use url, user, password or properties"));
                parser.skipChildren();
            } else if (key.equals("properties")) {
                readProperties(parser, value, where, properties, problems);
            } else if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                problems.add(new Problem(where + key + " must be a string", "write it as 'key: value'"));
                parser.skipChildren();
            } else {
                values.put(key, parser.getText());
                checkSecret(key, parser.getText(), where, problems);
            }
        }
        String subject = file.equals(PROJECT_FILE) ? file + ": connection '" + name + "'" : file;
        if (!values.containsKey("url")) {
            problems.add(new Problem(
                    subject + ": Missing required key 'url'",
                    "add a line like 'url: jdbc:postgresql://localhost:5432/shop'"));
        } else if (!values.get("url").startsWith("jdbc:") && !values.get("url").startsWith("${")) {
            // a URL that starts with a placeholder is known only when a run connects, where a URL no driver takes fails
            problems.add(new Problem(
                    subject + ": url is not a JDBC URL",
                    "write it as jdbc:<driver>:..., such as jdbc:postgresql://host/db"));
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(
                Optional.of(new ConnectionSpec(
                        name,
                        file,
                        values.get("url"),
                        Optional.ofNullable(values.get("user")),
                        Optional.ofNullable(values.get("password")),
                        properties)),
                List.of());
    }

    private static void readProperties(
            JsonParser parser, JsonToken value, String where, Map<String, String> properties, List<Problem> problems)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            problems.add(new Problem(
                    where + "properties must be a mapping", "write it as 'properties: {sslmode: require}'"));
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            if (!token.isScalarValue()) {
                problems.add(
                        new Problem(where + "properties." + key + " must be a string", "write it as 'key: value'"));
                parser.skipChildren();
            } else {
                properties.put(key, parser.getText());
                checkSecret("properties." + key, parser.getText(), where, problems);
            }
        }
    }

    /** A password written inline would sit in the project's files, and in its git history. */
    private static void checkSecret(String key, String value, String where, List<Problem> problems) {
        if (key.equals("password") && !SecretPlaceholders.isOnePlaceholder(value)) {
            problems.add(
                    new Problem(
                            where + "password is written inline",
                            "secrets are never inline: write 'password: ${env:DB_PASSWORD}' or 'password: ${file:secrets/db.txt}'"));
        }
        SecretPlaceholders.unknownPlaceholder(value)
                .ifPresent(p -> problems.add(new Problem(
                        where + key + " has an unknown placeholder '" + p + "'", "use ${env:NAME} or ${file:path}")));
    }

    private static Result failed(Problem problem) {
        return new Result(Optional.empty(), List.of(problem));
    }
}
