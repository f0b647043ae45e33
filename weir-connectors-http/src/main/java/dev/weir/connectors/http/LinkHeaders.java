package dev.weir.connectors.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} target of RFC 8288 {@code Link} headers. */
final class LinkHeaders {
    /** One link-value: {@code <target>} and its parameters, up to the comma that separates link-values. */
    private static final Pattern LINK =
            Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,=\\s]+(?:\\s*=\\s*(?:\"[^\"]*\"|[^;,]*))?)*)");

    private static final Pattern REL = Pattern.compile("(?i);\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;,\\s]+))");

    private LinkHeaders() {}

    /** The next page's URL, resolved against {@code current} when relative; empty when no link is rel next. */
    static Optional<URI> next(List<String> headers, URI current) {
        for (String header : headers) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    String relations = rel.group(1) != null ? rel.group(1) : rel.group(2);
                    // rel may list several relation types: rel="next last"
                    for (String relation : relations.trim().split("\\s+")) {
                        if (relation.toLowerCase(Locale.ROOT).equals("next")) {
                            return Optional.of(resolve(current, link.group(1).trim()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** RFC 3986 resolution; {@link URI#resolve} follows RFC 2396, which drops the last path segment for "?page=3". */
    static URI resolve(URI current, String target) {
        if (target.startsWith("?")) {
            return URI.create(current.getScheme() + "://" + current.getRawAuthority() + current.getRawPath() + target);
        }
        return current.resolve(target);
    }
}
