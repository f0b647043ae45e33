package dev.weir.connectors.http;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The header an {@link Auth} adds to every request, its secret looked up when the source opens.
 * {@link #toString} never shows the value, so that no message or debug dump can.
 */
final class Credentials {
    private final String header;
    private final String value;

    private Credentials(String header, String value) {
        this.header = header;
        this.value = value;
    }

    /** The credentials of {@code auth}; empty for {@link Auth.None}. */
    static Optional<Credentials> of(Auth auth, Function<String, Optional<String>> secrets) {
        if (auth instanceof Auth.Bearer bearer) {
            return Optional.of(
                    new Credentials("Authorization", "Bearer " + secret(secrets, bearer.tokenEnv(), "token_env")));
        }
        if (auth instanceof Auth.Basic basic) {
            String pair = secret(secrets, basic.usernameEnv(), "username_env") + ":"
                    + secret(secrets, basic.passwordEnv(), "password_env");
            return Optional.of(new Credentials(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        if (auth instanceof Auth.ApiKey key) {
            return Optional.of(new Credentials(key.header(), secret(secrets, key.keyEnv(), "key_env")));
        }
        return Optional.empty();
    }

    String header() {
        return header;
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return header + ": (secret)";
    }

    private static String secret(Function<String, Optional<String>> secrets, String name, String key) {
        return secrets.apply(name)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot authenticate: environment variable " + name + " (extract.auth." + key + ") is not set",
                        "export " + name + " before running weir"));
    }
}
