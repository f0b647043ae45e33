package dev.weir.connectors.http;

import static dev.weir.core.spec.load.ValueType.STRING;

import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.SpecValues;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code extract.auth}: its keys, and which environment variables each auth type needs. Secrets
 * are named by variable, never written, so none sits in a spec object.
 */
final class AuthSpec {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final MappingRule RULE = MappingRule.of(
            KeyRule.of("type", STRING, "type: bearer")
                    .oneOf(List.of("bearer", "basic", "api_key"))
                    .required(),
            KeyRule.of("token_env", STRING, "token_env: SHOP_API_TOKEN")
                    .format(ENV_NAME, "an environment variable name"),
            KeyRule.of("username_env", STRING, "username_env: SHOP_API_USER")
                    .format(ENV_NAME, "an environment variable name"),
            KeyRule.of("password_env", STRING, "password_env: SHOP_API_PASSWORD")
                    .format(ENV_NAME, "an environment variable name"),
            KeyRule.of("key_env", STRING, "key_env: SHOP_API_KEY").format(ENV_NAME, "an environment variable name"),
            KeyRule.of("header", STRING, "header: X-API-Key").defaultsTo("X-API-Key"));

    private AuthSpec() {}

    /** The authentication {@code section} declares ({@link Auth.None} without a type); empty, with a problem reported, when it is not one. */
    static Optional<Auth> read(SpecValues section) {
        if (!section.has("type")) {
            return Optional.of(new Auth.None());
        }
        String type = section.text("type").orElseThrow();
        List<String> needed = switch (type) {
            case "bearer" -> List.of("token_env");
            case "basic" -> List.of("username_env", "password_env");
            default -> List.of("key_env");
        };
        for (String key : List.of("token_env", "username_env", "password_env", "key_env", "header")) {
            boolean applies = needed.contains(key) || key.equals("header") && type.equals("api_key");
            if (section.has(key) && !applies) {
                section.problem(
                        key,
                        "'" + key + "' does not apply to auth type " + type,
                        "remove it; type " + type + " takes " + String.join(", ", needed));
                return Optional.empty();
            }
            if (!section.has(key) && needed.contains(key)) {
                section.problem(
                        key,
                        "Auth type " + type + " needs '" + key + "'",
                        "name the environment variable that holds the secret, such as '" + key + ": SHOP_API_"
                                + key.substring(0, key.indexOf('_')).toUpperCase(Locale.ROOT) + "'");
                return Optional.empty();
            }
        }
        return Optional.of(
                switch (type) {
                    case "bearer" -> new Auth.Bearer(section.text("token_env").orElseThrow());
                    case "basic" ->
                        new Auth.Basic(
                                section.text("username_env").orElseThrow(),
                                section.text("password_env").orElseThrow());
                    default ->
                        new Auth.ApiKey(
                                section.text("header").orElseThrow(),
                                section.text("key_env").orElseThrow());
                });
    }
}
