package dev.weir.core.spec;

import java.util.Objects;

/**
 * Who a Weir process signs in as to a database server (the metastore's PostgreSQL). The password
 * comes from {@code ${env:NAME}} or {@code ${file:path}}; {@link #toString()} never shows it, so a
 * record printed by mistake leaks nothing.
 */
public record DatabaseLogin(String user, String password) {
    public DatabaseLogin {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
    }

    /** {@code text} with every occurrence of the password replaced by {@code ***}. */
    public String redact(String text) {
        return password.isEmpty() || text == null ? text : text.replace(password, "***");
    }

    @Override
    public String toString() {
        return "DatabaseLogin[user=" + user + ", password=***]";
    }
}
