package dev.weir.scheduler;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A real webhook endpoint on the loopback interface that keeps every body posted to it. */
final class AlertReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> whileRunning = new CopyOnWriteArrayList<>();

    /** @param running what the test's scheduler has in flight when a body arrives */
    AlertReceiver(Supplier<Integer> running) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                bodies.add(body);
                if (running.get() > 0) {
                    whileRunning.add(body);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The bodies that arrived while a run was still going. */
    List<String> whileRunning() {
        return List.copyOf(whileRunning);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
