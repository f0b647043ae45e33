package dev.weir.connectors.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hides the secret values of one connection in texts that leave the source: a driver's message
 * may quote the URL or a property it was given, and so a password. Used by one run's thread.
 */
final class Redactor {
    static final String HIDDEN = "***";

    private final List<String> secrets = new ArrayList<>();

    void hide(String secret) {
        // one-character values would hide every such character of a message, and hide nothing worth it
        if (secret.length() > 1 && !secrets.contains(secret)) {
            secrets.add(secret);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    String redact(String text) {
        String out = text == null ? "" : text;
        for (String secret : secrets) {
            out = out.replace(secret, HIDDEN);
        }
        return out;
    }
}
