package dev.weir.connectors.http;

import java.util.Objects;

/**
 * {@code extract.auth}: how requests authenticate. The spec names the environment variables that
 * hold the secrets, never the secrets themselves, so that no spec record, plan or error can show
 * one; they are looked up through the run's secrets when the source opens.
 */
sealed interface Auth {
    record None() implements Auth {}

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String tokenEnv) implements Auth {
        public Bearer {
            Objects.requireNonNull(tokenEnv, "tokenEnv is null");
        }
    }

    /** {@code Authorization: Basic base64(user:password)}. */
    record Basic(String usernameEnv, String passwordEnv) implements Auth {
        public Basic {
            Objects.requireNonNull(usernameEnv, "usernameEnv is null");
            Objects.requireNonNull(passwordEnv, "passwordEnv is null");
        }
    }

    /** The key in a header of the API's choosing, such as {@code X-API-Key}. */
    record ApiKey(String header, String keyEnv) implements Auth {
        public ApiKey {
            Objects.requireNonNull(header, "header is null");
            Objects.requireNonNull(keyEnv, "keyEnv is null");
        }
    }
}
