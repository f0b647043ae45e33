package dev.weir.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception type Weir raises for failures a user can act on. It carries a code (and so a
 * category and exit code), a message saying what could not be done and why, an optional location
 * and an optional hint saying how to fix it.
 */
public class WeirException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Location location;
    private final String hint;

    public WeirException(ErrorCode code, String message) {
        this(code, message, null, null, null);
    }

    public WeirException(ErrorCode code, String message, Location location, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message is null"), cause);
        this.code = Objects.requireNonNull(code, "code is null");
        this.location = location;
        this.hint = hint;
    }

    public static WeirException withHint(ErrorCode code, String message, String hint) {
        return new WeirException(code, message, null, hint, null);
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<Location> location() {
        return Optional.ofNullable(location);
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** The user-facing text: {@code location: message} and, on a second line, {@code hint: ...}. */
    public String render() {
        return hint == null ? located() : located() + System.lineSeparator() + "hint: " + hint;
    }

    /** The message where its location is known: {@code location: message}, without the hint. */
    public String located() {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location.render()).append(": ");
            if (!location.field().isEmpty()) {
                sb.append(location.field()).append(": ");
            }
        }
        return sb.append(getMessage()).toString();
    }
}
