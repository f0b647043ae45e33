package dev.weir.connectors.http;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the GET requests of one run: its headers and credentials, its rate, its timeouts, and
 * retries of what is worth waiting out (429, 502, 503, 504, connection errors, timeouts, bodies cut
 * short) with backoff or the server's {@code Retry-After}. Anything else that is not 2xx fails at
 * once, redirects included. Messages and logs name a request by {@link Requests#shown}, never by its
 * query or headers.
 */
final class ApiClient {
    private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);
    private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);

    private final HttpClient client;
    private final HttpSourceOptions options;
    private final Optional<Credentials> credentials;
    private final Optional<RequestPacer> pacer;
    private final Backoff backoff;
    private final Clock clock;

    ApiClient(HttpSourceOptions options, Optional<Credentials> credentials, Clock clock, RandomGenerator random) {
        this.options = options;
        this.credentials = credentials;
        this.clock = clock;
        this.backoff = new Backoff(options.retry(), random);
        this.pacer = options.requestsPerSecond().map(RequestPacer::new);
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                // a redirect followed would send the credentials on to wherever it points
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The 2xx response to GET {@code uri}; {@code what} names it in messages (such as "page 3 of
     * https://api.example.com/orders").
     *
     * @throws WeirException {@code SOURCE_UNAVAILABLE} when retries are exhausted, {@code SOURCE_FAILED}
     *     for a status not worth retrying, {@code CANCELLED} when the run's thread is interrupted
     */
    HttpResponse<byte[]> get(URI uri, String what) {
        HttpRequest request = request(uri);
        Retry retry = Retry.of(
                what,
                RetryConfig.<HttpResponse<byte[]>>custom()
                        .maxAttempts(options.retry().maxRetries() + 1)
                        .retryOnResult(response -> RETRIED.contains(response.statusCode()))
                        .retryOnException(e -> e instanceof IOException)
                        .intervalBiFunction((attempt, outcome) -> wait(what, attempt, outcome))
                        .build());
        HttpResponse<byte[]> response;
        try {
            response = retry.executeCheckedSupplier(() -> send(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WeirException.withHint(ErrorCode.CANCELLED, "Cancelled while reading " + what, null);
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot read " + what + ": " + describe(e) + attempts(),
                    null,
                    "check that the API is up and reachable; connect_timeout_seconds and read_timeout_seconds"
                            + " bound each try, retry.max_retries the tries",
                    null);
        } catch (WeirException e) {
            throw e;
        } catch (Throwable e) {
            throw new WeirException(ErrorCode.INTERNAL, "Cannot read " + what + ": " + e, null, null, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        if (RETRIED.contains(status)) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot read " + what + ": HTTP " + status + attempts(),
                    "the API is overloaded or down; run again later, or raise extract.retry.max_retries or lower"
                            + " extract.requests_per_second");
        }
        throw WeirException.withHint(ErrorCode.SOURCE_FAILED, "Cannot read " + what + ": HTTP " + status, hint(status));
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).GET().timeout(options.readTimeout()).header("Accept", "application/json");
        for (Map.Entry<String, String> header : options.headers().entrySet()) {
            builder.setHeader(header.getKey(), header.getValue());
        }
        credentials.ifPresent(c -> builder.setHeader(c.header(), c.value()));
        return builder.build();
    }

    /**
     * One try. The request's own timeout ends when the headers arrive, so a body that stalls halfway
     * (a connection cut short of its Content-Length) would wait forever: the whole exchange is bounded
     * by the read timeout instead.
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        pacer.ifPresent(RequestPacer::awaitTurn);
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(options.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete response within the read timeout");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** The wait before retry {@code attempt}, logged with why; called by the retry between tries. */
    private long wait(String what, int attempt, Either<Throwable, HttpResponse<byte[]>> outcome) {
        Optional<Duration> retryAfter = outcome.isRight()
                ? outcome.get().headers().firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, clock.instant()))
                : Optional.empty();
        Duration wait = backoff.before(attempt, retryAfter);
        String why = outcome.isRight() ? "HTTP " + outcome.get().statusCode() : describe(outcome.getLeft());
        LOG.warn(
                "{}: {}; retry {} of {} in {} ms{}",
                what,
                why,
                attempt,
                options.retry().maxRetries(),
                wait.toMillis(),
                retryAfter.isPresent() ? " (Retry-After)" : "");
        return wait.toMillis();
    }

    private String attempts() {
        int tries = options.retry().maxRetries() + 1;
        return " after " + tries + (tries == 1 ? " try" : " tries") + " (extract.retry.max_retries: "
                + options.retry().maxRetries() + ")";
    }

    /** Why a try failed, without the request: JDK messages are short and name no header or query. */
    private static String describe(Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return "no complete response within the read timeout";
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect"
                    + Optional.ofNullable(e.getMessage())
                            .map(m -> " (" + m + ")")
                            .orElse("");
        }
        return "the connection failed (" + e.getClass().getSimpleName()
                + Optional.ofNullable(e.getMessage()).map(m -> ": " + m).orElse("") + ")";
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> "check extract.auth and the secret its environment variable holds";
            case 301, 302, 303, 307, 308 ->
                "the API redirects: write the URL it redirects to in extract.connection"
                        + " (redirects are not followed, so that credentials never go to another address)";
            case 404 -> "check extract.connection and extract.params";
            case 400, 422 -> "check extract.params and extract.pagination: the API refused the request";
            default -> "the API failed on its side; Weir retries only 429, 502, 503, 504 and connection errors";
        };
    }
}
