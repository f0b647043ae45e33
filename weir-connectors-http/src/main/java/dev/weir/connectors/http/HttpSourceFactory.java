package dev.weir.connectors.http;

import static dev.weir.core.spec.load.ValueType.INTEGER;
import static dev.weir.core.spec.load.ValueType.NUMBER;
import static dev.weir.core.spec.load.ValueType.STRING;
import static dev.weir.core.spec.load.ValueType.STRING_MAP;

import com.fasterxml.jackson.core.JsonPointer;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.Lookback;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import dev.weir.core.spi.SourceSection;
import dev.weir.core.spi.SpecValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code source_system: http}: the JSON records of a REST API, page after page, whole or past a
 * cursor bookmark ({@code incremental_key}) that is committed with the data.
 */
public final class HttpSourceFactory implements SourceFactory {
    /** A JSON pointer such as {@code /data/items}, or empty for the whole body. */
    static final Pattern POINTER = Pattern.compile("(/[^/]*)*");
    /** Headers that carry credentials: written in {@code headers}, a secret would sit in the spec. */
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "proxy-authorization", "x-api-key", "api-key", "cookie");

    private static final MappingRule RETRY = MappingRule.of(
            KeyRule.of("max_retries", INTEGER, "max_retries: 5").range(0, 100).defaultsTo("5"),
            KeyRule.of("base_delay_seconds", NUMBER, "base_delay_seconds: 1").defaultsTo("1"),
            KeyRule.of("max_delay_seconds", NUMBER, "max_delay_seconds: 60").defaultsTo("60"));

    private static final MappingRule KEYS = MappingRule.of(
            KeyRule.of("records", STRING, "records: /data")
                    .format(POINTER, "a JSON pointer such as /data, or \"\" for a body that is the array")
                    .defaultsTo(""),
            // declared exactly as the file source declares it: a key two sources share must be one rule
            KeyRule.of("columns", STRING_MAP, "columns: {order_id: BIGINT NOT NULL, amount: \"DECIMAL(10,2)\"}"),
            KeyRule.of("nested", STRING, "nested: flatten")
                    .oneOf(List.of("json", "flatten"))
                    .defaultsTo("json"),
            KeyRule.of("params", STRING_MAP, "params: {status: open}"),
            KeyRule.of("headers", STRING_MAP, "headers: {Accept: application/json}"),
            KeyRule.of("since_param", STRING, "since_param: updated_since"),
            KeyRule.of("lookback", STRING, "lookback: 10m").defaultsTo("0"),
            KeyRule.section("pagination", PaginationSpec.RULE, "pagination: {type: cursor, next_token: /meta/next}"),
            KeyRule.section("retry", RETRY, "retry: {max_retries: 5, base_delay_seconds: 1}"),
            KeyRule.section("auth", AuthSpec.RULE, "auth: {type: bearer, token_env: SHOP_API_TOKEN}"),
            KeyRule.of("requests_per_second", NUMBER, "requests_per_second: 5"),
            KeyRule.of("connect_timeout_seconds", NUMBER, "connect_timeout_seconds: 10")
                    .defaultsTo("10"),
            KeyRule.of("read_timeout_seconds", NUMBER, "read_timeout_seconds: 30")
                    .defaultsTo("30"));

    @Override
    public String sourceSystem() {
        return "http";
    }

    @Override
    public MappingRule keys() {
        return KEYS;
    }

    @Override
    public Optional<SourceOptions> read(SourceSection extract) {
        boolean valid = checkConnection(extract) & checkHeaders(extract) & checkStrategy(extract);
        Optional<List<DeclaredColumn>> columns = columns(extract);
        Optional<Pagination> pagination = PaginationSpec.read(extract.section("pagination"));
        Optional<RetrySettings> retry = retry(extract.section("retry"));
        Optional<Auth> auth = AuthSpec.read(extract.section("auth"));
        Optional<Duration> connectTimeout = positiveSeconds(extract, "connect_timeout_seconds");
        Optional<Duration> readTimeout = positiveSeconds(extract, "read_timeout_seconds");
        Optional<Double> rate = Optional.empty();
        if (extract.has("requests_per_second")) {
            rate = positive(extract, "requests_per_second");
            valid &= rate.isPresent();
        }
        if (!valid
                || columns.isEmpty()
                || pagination.isEmpty()
                || retry.isEmpty()
                || auth.isEmpty()
                || connectTimeout.isEmpty()
                || readTimeout.isEmpty()
                || !checkIncrementalKey(extract, columns.get())) {
            return Optional.empty();
        }
        Optional<BookmarkLookback> lookback = lookback(extract, columns.get());
        if (lookback.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HttpSourceOptions(
                extract.pairs("params"),
                extract.pairs("headers"),
                JsonPointer.compile(extract.text("records").orElseThrow()),
                columns.get(),
                extract.text("nested").orElseThrow().equals("flatten"),
                pagination.get(),
                extract.text("since_param"),
                retry.get(),
                rate,
                connectTimeout.get(),
                readTimeout.get(),
                auth.get(),
                lookback.get()));
    }

    /** {@code lookback}, in the incremental key's type: a time span for a date or timestamp, a number for a numeric key. */
    private static Optional<BookmarkLookback> lookback(SourceSection extract, List<DeclaredColumn> columns) {
        Optional<Lookback> lookback = Lookback.read(extract);
        if (lookback.isEmpty()) {
            return Optional.empty();
        }
        String text = extract.text("lookback").orElseThrow();
        if (lookback.get().isNone()) {
            return Optional.of(BookmarkLookback.NONE);
        }
        Optional<String> key =
                extract.strategy() == ExtractStrategy.INCREMENTAL ? extract.incrementalKey() : Optional.empty();
        if (key.isEmpty()) {
            extract.problem(
                    "lookback",
                    "'lookback' only applies to strategy incremental",
                    "remove it, or set 'strategy: incremental' with an incremental_key");
            return Optional.empty();
        }
        String type = extract.keyType()
                .orElseGet(() -> columns.stream()
                        .filter(c -> c.name().equalsIgnoreCase(key.get()))
                        .findFirst()
                        .orElseThrow()
                        .type()
                        .icebergName());
        Optional<BookmarkLookback.Kind> kind = BookmarkLookback.kindOf(type);
        Optional<BookmarkLookback> read = kind.map(k -> new BookmarkLookback(lookback.get(), k));
        if (read.isEmpty() || !read.get().fits()) {
            extract.problem(
                    "lookback",
                    "Lookback '" + text + "' does not fit incremental key '" + key.get() + "' of type " + type,
                    kind.isEmpty()
                            ? "a lookback needs a date, timestamp or numeric key"
                            : kind.get().isTime()
                                    ? "write a time span, such as 'lookback: 10m'"
                                    : "write a number, such as 'lookback: 1000'");
            return Optional.empty();
        }
        return read;
    }

    @Override
    public Source open(ExtractSpec extract, SourceContext context) {
        return new HttpSource(
                URI.create(extract.connection()),
                (HttpSourceOptions) extract.options(),
                extract.keyColumn(),
                extract.keyType(),
                context);
    }

    private static boolean checkConnection(SourceSection extract) {
        String hint = "write the API's URL, such as https://api.example.com/v1/orders (credentials go in extract.auth)";
        try {
            URI uri = new URI(extract.connection());
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                extract.problem("connection", "Invalid URL: an http source reads an http:// or https:// URL", hint);
                return false;
            }
            if (uri.getUserInfo() != null) {
                extract.problem(
                        "connection",
                        "Invalid URL: it holds a user name or password",
                        "remove it from the URL and declare extract.auth, such as"
                                + " 'auth: {type: basic, username_env: API_USER, password_env: API_PASSWORD}'");
                return false;
            }
            return true;
        } catch (URISyntaxException e) {
            extract.problem("connection", "Invalid URL: " + e.getReason(), hint);
            return false;
        }
    }

    private static boolean checkHeaders(SourceSection extract) {
        for (String header : extract.pairs("headers").keySet()) {
            if (CREDENTIAL_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                extract.problem(
                        "headers",
                        "Header '" + header + "' carries credentials, which must not be written in a spec",
                        "remove it and declare extract.auth, such as 'auth: {type: bearer, token_env: SHOP_API_TOKEN}'"
                                + " or 'auth: {type: api_key, header: " + header + ", key_env: SHOP_API_KEY}'");
                return false;
            }
        }
        return true;
    }

    private static boolean checkStrategy(SourceSection extract) {
        if (extract.strategy() == ExtractStrategy.INCREMENTAL
                && extract.incrementalKey().isEmpty()) {
            extract.problem(
                    "strategy",
                    "Incremental extraction from an API needs incremental_key",
                    "add a line like 'incremental_key: updated_at': the field whose greatest value is the bookmark");
            return false;
        }
        if (extract.strategy() != ExtractStrategy.INCREMENTAL && extract.has("since_param")) {
            extract.problem(
                    "since_param",
                    "'since_param' only applies to strategy incremental",
                    "remove it, or set 'strategy: incremental' with an incremental_key");
            return false;
        }
        return true;
    }

    /**
     * The bookmark is compared in the key's type: a text key compares '99' > '103' and would skip
     * records for good, so the key must be a declared column of another type or have a key_type.
     */
    private static boolean checkIncrementalKey(SourceSection extract, List<DeclaredColumn> columns) {
        Optional<String> key =
                extract.strategy() == ExtractStrategy.INCREMENTAL ? extract.incrementalKey() : Optional.empty();
        if (key.isEmpty()) {
            return true;
        }
        Optional<DeclaredColumn> column = columns.stream()
                .filter(c -> c.name().equalsIgnoreCase(key.get()))
                .findFirst();
        if (column.isEmpty()) {
            extract.problem(
                    "incremental_key",
                    "Incremental key '" + key.get() + "' is not a declared column",
                    "declare it in extract.columns, such as '" + key.get() + ": TIMESTAMP NOT NULL'");
            return false;
        }
        if (column.get().type().isText() && extract.keyType().isEmpty()) {
            extract.problem(
                    "incremental_key",
                    "Cannot extract incrementally on text column '" + key.get()
                            + "': text compares character by character ('99' > '103'), so the bookmark would skip records",
                    "declare the column with the type its values have (TIMESTAMP, BIGINT, DATE) or add a key_type");
            return false;
        }
        return true;
    }

    private static Optional<List<DeclaredColumn>> columns(SourceSection extract) {
        if (!extract.has("columns")) {
            extract.problem(
                    "columns",
                    "Missing required key 'columns'",
                    "JSON carries no column types: declare them, such as"
                            + " 'columns: {id: BIGINT NOT NULL, updated_at: TIMESTAMP, customer_name: VARCHAR}'");
            return Optional.empty();
        }
        return DeclaredColumn.declaredIn(
                extract, "; with nested: flatten, the field customer.name is column customer_name");
    }

    private static Optional<RetrySettings> retry(SpecValues section) {
        Optional<Duration> base = nonNegativeSeconds(section, "base_delay_seconds");
        Optional<Duration> max = nonNegativeSeconds(section, "max_delay_seconds");
        if (base.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        if (max.get().compareTo(base.get()) < 0) {
            section.problem(
                    "max_delay_seconds",
                    "max_delay_seconds is less than base_delay_seconds",
                    "the backoff doubles from base_delay_seconds up to max_delay_seconds: make it at least the base");
            return Optional.empty();
        }
        return Optional.of(
                new RetrySettings(Integer.parseInt(section.text("max_retries").orElseThrow()), base.get(), max.get()));
    }

    private static Optional<Duration> positiveSeconds(SpecValues values, String key) {
        return positive(values, key).map(HttpSourceFactory::duration);
    }

    private static Optional<Double> positive(SpecValues values, String key) {
        Optional<Double> number = bounded(values, key);
        if (number.isPresent() && number.get() == 0) {
            values.problem(key, key + " must be more than 0", "write a positive number, such as '" + key + ": 5'");
            return Optional.empty();
        }
        return number;
    }

    private static Optional<Duration> nonNegativeSeconds(SpecValues values, String key) {
        return bounded(values, key).map(HttpSourceFactory::duration);
    }

    private static Optional<Double> bounded(SpecValues values, String key) {
        double number = Double.parseDouble(values.text(key).orElseThrow());
        if (number < 0 || number > 86_400) {
            values.problem(key, key + " must be between 0 and 86400", "write a number such as '" + key + ": 5'");
            return Optional.empty();
        }
        return Optional.of(number);
    }

    private static Duration duration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
