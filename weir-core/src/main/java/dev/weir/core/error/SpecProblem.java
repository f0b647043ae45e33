package dev.weir.core.error;

import java.util.Objects;

/** One problem found while validating specs: where, what is wrong, and how to fix it. */
public record SpecProblem(Location location, String message, String hint) {
    public SpecProblem {
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(message, "message is null");
        hint = hint == null ? "" : hint;
    }

    /** {@code file:line:col: field: what is wrong — how to fix it}, on one line. */
    public String render() {
        StringBuilder sb = new StringBuilder(location.render()).append(": ");
        if (!location.field().isEmpty()) {
            sb.append(location.field()).append(": ");
        }
        sb.append(message);
        if (!hint.isEmpty()) {
            sb.append(" — ").append(hint);
        }
        return sb.toString();
    }
}
