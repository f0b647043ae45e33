package dev.weir.examples.crm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's orders API on a local port: {@code GET /v1/orders} answers
 * {@code {"data": [...], "next_cursor": "..."}}, oldest change first, {@value #PAGE_SIZE} orders a
 * page. It requires {@code Authorization: Bearer <token>}, takes {@code updated_since} (inclusive,
 * {@code 2026-11-02 10:00:00} or ISO) and {@code cursor} (opaque: the last order of the previous
 * page), and reads the orders from the CRM database on every request.
 */
final class OrdersApi implements AutoCloseable {
    static final int PAGE_SIZE = 50;
    static final String PATH = "/v1/orders";
    private static final LocalDateTime FLOOR = LocalDateTime.parse("1970-01-01T00:00:00");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final String databaseUrl;
    private final String token;
    private final AtomicInteger requests = new AtomicInteger();

    private OrdersApi(HttpServer server, String databaseUrl, String token) {
        this.server = server;
        this.databaseUrl = databaseUrl;
        this.token = token;
        server.setExecutor(threads);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** Serves the orders of the database at {@code databaseUrl} on {@code port} of the loopback address (0: any free port). */
    static OrdersApi start(int port, String databaseUrl, String token) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            return new OrdersApi(server, databaseUrl, token);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the orders API on port " + port, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** How many requests the API has answered, whatever their status. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            if (!exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 405, error("only GET is served"));
            } else if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error("a valid bearer token is required"));
            } else {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                LocalDateTime since = query.containsKey("updated_since") ? parse(query.get("updated_since")) : FLOOR;
                Cursor after = query.containsKey("cursor") ? Cursor.decode(query.get("cursor")) : null;
                respond(exchange, 200, page(since, after));
            }
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error(e.getMessage()));
        } catch (SQLException e) {
            respond(exchange, 500, error("the database is unavailable"));
        } finally {
            exchange.close();
        }
    }

    private String page(LocalDateTime since, Cursor after) throws SQLException {
        StringBuilder body = new StringBuilder("{\"data\":[");
        Cursor last = null;
        int count = 0;
        try (Connection db = CrmDatabase.connectAsOwner(databaseUrl);
                PreparedStatement select = db.prepareStatement("SELECT order_id, customer_id, ordered_at, status,"
                        + " amount, items, ship_city, ship_country, updated_at FROM orders"
                        + " WHERE updated_at >= ? AND (updated_at, order_id) > (?, ?)"
                        + " ORDER BY updated_at, order_id LIMIT " + (PAGE_SIZE + 1))) {
            select.setTimestamp(1, Timestamp.valueOf(since));
            select.setTimestamp(2, Timestamp.valueOf(after == null ? FLOOR : after.updatedAt()));
            select.setLong(3, after == null ? Long.MIN_VALUE : after.orderId());
            try (ResultSet rs = select.executeQuery()) {
                boolean more = false;
                while (rs.next()) {
                    if (count == PAGE_SIZE) {
                        more = true;
                        break;
                    }
                    LocalDateTime updatedAt = rs.getTimestamp("updated_at").toLocalDateTime();
                    body.append(count++ == 0 ? "" : ",")
                            .append(String.format(
                                    "{\"order_id\":%d,\"customer_id\":%d,\"ordered_at\":\"%s\",\"status\":\"%s\","
                                            + "\"amount\":%s,\"items\":%d,"
                                            + "\"shipping\":{\"city\":\"%s\",\"country\":\"%s\"},\"updated_at\":\"%s\"}",
                                    rs.getLong("order_id"),
                                    rs.getInt("customer_id"),
                                    ISO.format(rs.getTimestamp("ordered_at").toLocalDateTime()),
                                    rs.getString("status"),
                                    rs.getBigDecimal("amount").toPlainString(),
                                    rs.getInt("items"),
                                    rs.getString("ship_city"),
                                    rs.getString("ship_country"),
                                    ISO.format(updatedAt)));
                    last = new Cursor(updatedAt, rs.getLong("order_id"));
                }
                body.append("],\"next_cursor\":")
                        .append(more ? "\"" + last.encode() + "\"" : "null")
                        .append('}');
            }
        }
        return body.toString();
    }

    /** Where a page ended: the change time and number of its last order. */
    private record Cursor(LocalDateTime updatedAt, long orderId) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((updatedAt + "|" + orderId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(LocalDateTime.parse(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid cursor");
            }
        }
    }

    private static LocalDateTime parse(String value) {
        try {
            return LocalDateTime.parse(value.trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid updated_since: " + value);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String error(String message) {
        return "{\"error\":\"" + message.replace("\"", "'") + "\"}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
