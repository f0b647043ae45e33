package dev.weir.connectors.cdc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * The one server a PostgreSQL JDBC URL names, as its driver reads the URL: for clients that connect
 * by host and port rather than by URL, such as Debezium's replication connection.
 *
 * @param parameters the URL's query parameters ({@code sslmode=require}), as written
 */
record PostgresAddress(String host, int port, String database, Map<String, String> parameters) {
    public PostgresAddress {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(database, "database is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The address {@code url} names; empty when it is not a PostgreSQL URL of exactly one host. */
    static Optional<PostgresAddress> of(String url) {
        Properties read = Driver.parseURL(url, new Properties());
        if (read == null) {
            return Optional.empty();
        }
        String host = PGProperty.PG_HOST.getOrDefault(read);
        String port = PGProperty.PG_PORT.getOrDefault(read);
        String database = PGProperty.PG_DBNAME.getOrDefault(read);
        if (host == null || host.contains(",") || database == null || database.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : read.stringPropertyNames()) {
            if (!name.equals(PGProperty.PG_HOST.getName())
                    && !name.equals(PGProperty.PG_PORT.getName())
                    && !name.equals(PGProperty.PG_DBNAME.getName())) {
                parameters.put(name, read.getProperty(name));
            }
        }
        return Optional.of(new PostgresAddress(host, Integer.parseInt(port), database, parameters));
    }
}
