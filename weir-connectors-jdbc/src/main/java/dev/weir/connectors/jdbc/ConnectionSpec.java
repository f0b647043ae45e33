package dev.weir.connectors.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named database connection, as its file {@code connections/<name>.yaml} writes it. Values keep
 * their {@code ${env:NAME}} and {@code ${file:path}} placeholders: they are resolved only when a run
 * connects, so that no secret is held in a spec, shown by {@code toString} or written anywhere.
 *
 * @param name the name pipelines give in {@code extract.connection}
 * @param file the file it was read from, relative to the project, for messages
 * @param url the JDBC URL
 * @param user the user name, when given
 * @param password the password, always a placeholder
 * @param properties further driver properties, in the order written
 */
public record ConnectionSpec(
        String name,
        String file,
        String url,
        Optional<String> user,
        Optional<String> password,
        Map<String, String> properties) {
    public ConnectionSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
