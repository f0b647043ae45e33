package dev.weir.connectors.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Request URLs: query parameters added to a base URL, and the form messages show. */
final class Requests {
    private Requests() {}

    /** {@code base} with {@code params} appended to its query, each name and value URL-encoded. */
    static URI withParams(URI base, Map<String, String> params) {
        if (params.isEmpty()) {
            return base;
        }
        String added = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String text = base.toString();
        int fragment = text.indexOf('#');
        String head = fragment < 0 ? text : text.substring(0, fragment);
        String separator = base.getRawQuery() == null ? "?" : head.endsWith("&") ? "" : "&";
        return URI.create(head + separator + added);
    }

    /**
     * The URL as messages, logs and reject origins show it: scheme, host, port and path only. The
     * query is left out because parameters can carry keys, and user info cannot be there (refused
     * at load time) but is left out all the same.
     */
    static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
