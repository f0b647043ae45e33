package dev.weir.core.spec.load;

import dev.weir.core.spec.DatabaseLogin;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads {@code metastore}, {@code metastore_user} and {@code metastore_password} of {@code weir.yaml}.
 * A relative SQLite file is resolved against the project root. A PostgreSQL metastore is shared by
 * several working directories, so it needs a {@code warehouse} written as an absolute path (a
 * relative one would name a different directory in each), and its password must come through its
 * own key, never inside the URL, which Weir prints in messages.
 */
final class MetastoreReader {
    static final String SQLITE_PREFIX = "jdbc:sqlite:";
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    /** The metastore's URL, without a password, and the login to a server. */
    record Metastore(String url, Optional<DatabaseLogin> login) {}

    private final Path root;

    MetastoreReader(Path root) {
        this.root = Objects.requireNonNull(root, "root is null");
    }

    Metastore read(SectionValues values, Path stateDir) {
        Optional<String> url = values.text("metastore");
        if (url.isPresent() && url.get().startsWith(POSTGRES_PREFIX)) {
            return postgres(values, url.get());
        }
        for (String key : new String[] {"metastore_user", "metastore_password"}) {
            if (values.text(key).isPresent()) {
                values.problems()
                        .add(
                                values.location(key),
                                "Invalid " + key + ": only a PostgreSQL metastore has a login",
                                "remove it, or set 'metastore: jdbc:postgresql://host:5432/database'");
            }
        }
        return new Metastore(
                url.map(u -> sqliteUrl(values, u)).orElseGet(() -> SQLITE_PREFIX + stateDir.resolve("weir.db")),
                Optional.empty());
    }

    private Metastore postgres(SectionValues values, String url) {
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            // the message leaves the URL out: it holds the password
            values.problems()
                    .add(
                            values.location("metastore"),
                            "Invalid metastore: the URL holds a password, and Weir prints the URL in messages",
                            "remove password= from the URL and write 'metastore_password: \"${env:WEIR_METASTORE_PASSWORD}\"'");
        }
        Optional<String> user = values.text("metastore_user");
        Optional<String> password = values.text("metastore_password");
        if (password.isPresent() && user.isEmpty()) {
            values.problems()
                    .add(
                            values.location("metastore_password"),
                            "Invalid metastore_password: it needs metastore_user",
                            "add 'metastore_user: weir' (the PostgreSQL role Weir signs in as)");
        }
        checkSharedWarehouse(values);
        return new Metastore(url, user.map(u -> new DatabaseLogin(u, password.orElse(""))));
    }

    private static void checkSharedWarehouse(SectionValues values) {
        String hint = "write the absolute path of a directory every machine sharing the metastore sees,"
                + " e.g. 'warehouse: /srv/weir/shop/warehouse'";
        Optional<String> warehouse = values.text("warehouse");
        if (warehouse.isEmpty()) {
            values.problems()
                    .add(
                            values.location("warehouse"),
                            "Missing key 'warehouse': a PostgreSQL metastore is shared, so its tables must be in"
                                    + " one directory for every working directory, not each one's .weir/warehouse",
                            hint);
            return;
        }
        boolean absolute;
        try {
            absolute = Path.of(warehouse.get()).isAbsolute();
        } catch (InvalidPathException e) {
            return; // reported as an invalid path where the warehouse is resolved
        }
        if (!absolute) {
            values.problems()
                    .add(
                            values.location("warehouse"),
                            "Invalid warehouse '" + warehouse.get() + "': with a PostgreSQL metastore it must be an"
                                    + " absolute path, since each working directory would resolve a relative one"
                                    + " to a directory of its own",
                            hint);
        }
    }

    // Relative SQLite files are resolved against the project root, so runs work from any directory.
    private String sqliteUrl(SectionValues values, String url) {
        if (!url.startsWith(SQLITE_PREFIX)) {
            return url;
        }
        String rest = url.substring(SQLITE_PREFIX.length());
        if (rest.isEmpty() || rest.startsWith(":") || rest.startsWith("file:")) {
            return url;
        }
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        String parameters = query < 0 ? "" : rest.substring(query);
        try {
            return SQLITE_PREFIX + root.resolve(file).normalize() + parameters;
        } catch (InvalidPathException e) {
            values.problems()
                    .add(
                            values.location("metastore"),
                            "Invalid SQLite path '" + file + "'",
                            "write it like 'metastore: jdbc:sqlite:.weir/weir.db'");
            return url;
        }
    }
}
