package dev.weir.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a random local port, shared by the tests of a class: each test serves its
 * own path with a handler that answers each request from what it was sent, and reads back the
 * requests that path received.
 */
final class TestApi implements AutoCloseable {
    /** What a handler sees of a request. */
    record Request(String path, Map<String, String> query, Map<String, List<String>> headers, long receivedNanos) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * What the server answers. {@code delay} is waited before the status line; {@code truncateTo}, when
     * not negative, sends that many bytes of a body announced whole, then stalls: the connection
     * stays open with the rest of the body missing.
     */
    record Response(int status, Map<String, String> headers, String body, Duration delay, int truncateTo) {
        static Response json(String body) {
            return new Response(200, Map.of("Content-Type", "application/json"), body, Duration.ZERO, -1);
        }

        static Response status(int status) {
            return new Response(status, Map.of(), "{\"error\":\"injected\"}", Duration.ZERO, -1);
        }

        Response withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Response(status, all, body, delay, truncateTo);
        }

        Response after(Duration wait) {
            return new Response(status, headers, body, wait, truncateTo);
        }

        Response truncatedTo(int bytes) {
            return new Response(status, headers, body, delay, bytes);
        }
    }

    @FunctionalInterface
    interface Handler {
        /** @param number 1 for the first request this path receives */
        Response answer(Request request, int number);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, List<Request>> received = new ConcurrentHashMap<>();

    private TestApi(HttpServer server) {
        this.server = server;
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static TestApi start() {
        try {
            return new TestApi(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code path} with {@code handler}, returning its URL. */
    URI serve(String path, Handler handler) {
        handlers.put(path, handler);
        received.put(path, Collections.synchronizedList(new ArrayList<>()));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Request> requests(String path) {
        return List.copyOf(received.get(path));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        Handler handler = handlers.get(path);
        if (handler == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        Request request =
                new Request(path, query(exchange.getRequestURI()), Map.copyOf(exchange.getRequestHeaders()), now);
        List<Request> requests = received.get(path);
        int number;
        synchronized (requests) {
            requests.add(request);
            number = requests.size();
        }
        Response response = handler.answer(request, number);
        try {
            Thread.sleep(response.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, 0, response.truncateTo() < 0 ? body.length : response.truncateTo());
        } catch (IOException cutShort) {
            // closing a body short of the length announced: the server keeps the connection open, the client waits for
            // the rest
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
