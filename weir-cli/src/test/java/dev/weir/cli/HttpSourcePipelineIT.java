package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A pipeline from a paginated, authenticated JSON API into an Iceberg table, through the command
 * line: the bookmark is committed with the data, a run with nothing new loads nothing, a run whose
 * pages fail commits nothing and the next one resumes from the bookmark; the API's token, planted
 * in the environment, appears in no output, run record or log line, not even under --debug.
 */
class HttpSourcePipelineIT {
    private static final String SECRET = "planted-s3cret-7f3a9c";

    @TempDir
    Path project;

    private HttpServer server;
    private final List<String> orders = new CopyOnWriteArrayList<>();
    private final List<String> sinceParams = new CopyOnWriteArrayList<>();
    /** How many of the coming requests fail with 503. */
    private final AtomicInteger failing = new AtomicInteger();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final StringBuilder everything = new StringBuilder();

    private record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeEach
    void startApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/orders", this::answer);
        server.start();
        for (int id = 1; id <= 5; id++) {
            addOrder(id, "2024-01-0" + id + "T10:00:00");
        }
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        write("weir.yaml", "name: api\n");
        write("pipelines/orders.yaml", """
                pipeline: {name: orders}
                extract:
                  source_system: http
                  connection: http://127.0.0.1:%d/orders
                  strategy: incremental
                  incremental_key: updated_at
                  since_param: updated_since
                  records: /data
                  nested: flatten
                  columns:
                    id: BIGINT NOT NULL
                    customer_name: VARCHAR
                    amount: DECIMAL(10,2)
                    updated_at: TIMESTAMP NOT NULL
                  pagination: {type: cursor, next_token: /meta/next, param: cursor, max_pages: 50}
                  retry: {max_retries: 2, base_delay_seconds: 0.01, max_delay_seconds: 0.05}
                  auth: {type: bearer, token_env: SHOP_API_TOKEN}
                load: {target: bronze.orders, strategy: append}
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void stopApi() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        server.stop(0);
    }

    @Test
    void ordersLoadPastTheBookmarkAndAFailedRunCommitsNothingAndLeaksNoSecret() throws IOException {
        Result first = weir("run");
        Result second = weir("run");
        addOrder(6, "2024-01-07T09:30:00");
        failing.set(3);
        Result failed = weir("--debug", "run");
        Result resumed = weir("run");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("extracted 5, loaded 5").contains("watermark none -> 2024-01-05 10:00:00");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("loaded 0").contains("watermark 2024-01-05 10:00:00 -> 2024-01-05 10:00:00");
        assertThat(sinceParams).contains("2024-01-05 10:00:00");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err())
                .contains("Cannot read page 1 of http://127.0.0.1:"
                        + server.getAddress().getPort()
                        + "/orders: HTTP 503 after 3 tries (extract.retry.max_retries: 2)");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("loaded 1").contains("watermark 2024-01-05 10:00:00 -> 2024-01-07 09:30:00");

        Result rows = weir(
                "query",
                "SELECT count(*) AS n, sum(amount) AS total, max(customer_name) AS last" + " FROM bronze.orders",
                "--format",
                "csv");
        assertThat(rows.out()).contains("6,45.00,\"customer 6\"");

        everything.append(Files.readString(project.resolve(".weir/logs/runs.jsonl")));
        logs.list.forEach(e -> everything.append(e.getFormattedMessage()).append('\n'));
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("HTTP 503"));
        assertThat(everything.toString()).doesNotContain(SECRET);
    }

    @Test
    void withALookbackAnOrderArrivingLaterWithTheBookmarksOwnTimeIsLoadedAndNothingIsDoubled() throws IOException {
        write(
                "pipelines/orders.yaml",
                Files.readString(project.resolve("pipelines/orders.yaml"))
                        .replace("  since_param: updated_since\n", "  since_param: updated_since\n  lookback: 1h\n")
                        .replace(
                                "load: {target: bronze.orders, strategy: append}",
                                "load: {target: bronze.orders, strategy: upsert, merge_keys: [id]}"));
        Result first = weir("run");
        addOrder(7, "2024-01-05T10:00:00"); // committed late, with exactly the bookmark's value
        Result second = weir("run");
        Result third = weir("run");

        for (Result r : List.of(first, second, third)) {
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        assertThat(sinceParams).contains("2024-01-05 09:00:00");
        assertThat(second.out()).contains("watermark 2024-01-05 10:00:00 -> 2024-01-05 10:00:00");
        Result rows = weir("query", "SELECT count(*), count(DISTINCT id) FROM bronze.orders", "--format", "csv");
        assertThat(rows.out()).contains("6,6");
    }

    @Test
    void aPaginationWithoutWhereItsTokenIsFailsValidationNamingTheLineAndTheKey() {
        write("pipelines/orders.yaml", """
                pipeline: {name: orders}
                extract:
                  source_system: http
                  connection: http://127.0.0.1:1/orders
                  strategy: full
                  columns: {id: BIGINT}
                  pagination: {type: cursor}
                load: {target: bronze.orders, strategy: append}
                """);

        Result validate = weir("validate");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
        assertThat(validate.out() + validate.err())
                .contains("pipelines/orders.yaml:7:")
                .contains(
                        "extract.pagination.next_token: Cursor pagination needs to know where the next page's token is")
                .contains("add a line like 'next_token: /meta/next_cursor'");
    }

    private void addOrder(int id, String updatedAt) {
        orders.add("{\"id\":%d,\"customer\":{\"name\":\"customer %d\"},\"amount\":%d.50,\"updated_at\":\"%s\"}"
                .formatted(id, id, id * 2, updatedAt));
    }

    /** Two orders a page, those updated at or after updated_since (inclusive, as many APIs are), for the right token only. */
    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        Map<String, String> params = query == null
                ? Map.of()
                : java.util.Arrays.stream(query.split("&"))
                        .map(p -> p.split("=", 2))
                        .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        if (!("Bearer " + SECRET).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 503, "{\"error\":\"down\"}");
            return;
        }
        String since = params.containsKey("updated_since")
                ? java.net.URLDecoder.decode(params.get("updated_since"), StandardCharsets.UTF_8)
                        .replace(' ', 'T')
                : "";
        if (!since.isEmpty()) {
            sinceParams.add(since.replace('T', ' '));
        }
        List<String> matching = new ArrayList<>();
        for (String order : orders) {
            String updatedAt = order.substring(order.indexOf("\"updated_at\":\"") + 14, order.lastIndexOf('"'));
            if (updatedAt.compareTo(since) >= 0) {
                matching.add(order);
            }
        }
        int from = Integer.parseInt(params.getOrDefault("cursor", "0"));
        int to = Math.min(from + 2, matching.size());
        String next = to < matching.size() ? "\"" + to + "\"" : "null";
        respond(
                exchange,
                200,
                "{\"data\":[" + String.join(",", matching.subList(from, to)) + "],\"meta\":{\"next\":" + next + "}}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Result weir(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = Main.commandLine(new Main.Environment(Map.of("SHOP_API_TOKEN", SECRET)::get));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--project", project.toString()));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        Result result = new Result(exit, out.toString(), err.toString());
        everything.append(result.out()).append(result.err());
        return result;
    }

    private void write(String relativePath, String content) {
        try {
            Path file = project.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
