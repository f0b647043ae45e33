package dev.weir.connectors.http;

import com.fasterxml.jackson.core.JsonPointer;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.spi.SourceOptions;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of an {@code http} source, as {@link HttpSourceFactory} read them.
 *
 * @param params query parameters of every request, in the order written
 * @param headers headers of every request (credentials go in {@code auth})
 * @param records where a body's records are: a JSON pointer to an array (the empty pointer: the body is the array)
 * @param flatten whether nested objects become columns {@code a_b}, or stay JSON text in column {@code a}
 * @param sinceParam the query parameter that carries the last bookmark, so the API sends only newer records
 * @param requestsPerSecond the most requests a second, when limited
 * @param lookback how far below the committed bookmark a run starts reading
 */
record HttpSourceOptions(
        Map<String, String> params,
        Map<String, String> headers,
        JsonPointer records,
        List<DeclaredColumn> columns,
        boolean flatten,
        Pagination pagination,
        Optional<String> sinceParam,
        RetrySettings retry,
        Optional<Double> requestsPerSecond,
        Duration connectTimeout,
        Duration readTimeout,
        Auth auth,
        BookmarkLookback lookback)
        implements SourceOptions {
    HttpSourceOptions {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(records, "records is null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(pagination, "pagination is null");
        Objects.requireNonNull(sinceParam, "sinceParam is null");
        Objects.requireNonNull(retry, "retry is null");
        Objects.requireNonNull(requestsPerSecond, "requestsPerSecond is null");
        Objects.requireNonNull(connectTimeout, "connectTimeout is null");
        Objects.requireNonNull(readTimeout, "readTimeout is null");
        Objects.requireNonNull(auth, "auth is null");
        Objects.requireNonNull(lookback, "lookback is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an http source needs declared columns");
        }
    }

    @Override
    public Optional<String> rereads() {
        return lookback.lookback().isNone()
                ? Optional.empty()
                : Optional.of("the records within lookback " + lookback.lookback() + " below the bookmark");
    }
}
