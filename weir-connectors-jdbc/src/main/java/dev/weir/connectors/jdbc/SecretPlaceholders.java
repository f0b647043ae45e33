package dev.weir.connectors.jdbc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:path}} in connection values when a run connects,
 * with the semantics of the spec files' placeholders: {@code env} through the run's secret lookup,
 * {@code file} relative to the project root, its content trimmed. (Core's own resolver is not
 * public, and runs only over the files it loads.) Every value substituted is remembered by the
 * {@link Redactor}, so that no message can show it.
 */
final class SecretPlaceholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+):([^}]*)}");

    private final Path projectRoot;
    private final Function<String, Optional<String>> secrets;
    private final Redactor redactor;

    SecretPlaceholders(Path projectRoot, Function<String, Optional<String>> secrets, Redactor redactor) {
        this.projectRoot = projectRoot;
        this.secrets = secrets;
        this.redactor = redactor;
    }

    /** Whether {@code value} is exactly one placeholder, as a password must be. */
    static boolean isOnePlaceholder(String value) {
        Matcher m = PLACEHOLDER.matcher(value.trim());
        return m.matches() && (m.group(1).equals("env") || m.group(1).equals("file"));
    }

    /** The first placeholder in {@code value} of a kind other than env and file. */
    static Optional<String> unknownPlaceholder(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            if (!m.group(1).equals("env") && !m.group(1).equals("file")) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code value} with its placeholders replaced.
     *
     * @param where the file and key it was written at, for the message when one cannot be resolved
     * @throws WeirException {@code SOURCE_UNAVAILABLE} naming the variable or file, never a value
     */
    String resolve(String value, String where) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = m.group(1).equals("env") ? env(m.group(2), where) : file(m.group(2), where);
            redactor.hide(resolved);
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String env(String name, String where) {
        return secrets.apply(name)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.SOURCE_UNAVAILABLE,
                        "Cannot connect: " + where + " reads environment variable " + name + ", which is not set",
                        "export " + name + " before running weir, or keep the value in a file and use ${file:path}"));
    }

    private String file(String relative, String where) {
        Path path = projectRoot.resolve(relative.trim()).normalize();
        try {
            return Files.readString(path).trim();
        } catch (IOException e) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot connect: " + where + " reads file " + relative.trim() + ", which cannot be read",
                    "paths in ${file:...} are relative to the project root; check that the file exists and Weir may read it");
        }
    }
}
