package dev.weir.connectors.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of one run, one after another: the first request, then from each page the next one,
 * or none. It cannot loop forever nor stop early without saying so: a token or link seen before
 * is an error, so is a page past {@code max_pages}, and a declared {@code has_more} flag that is
 * not a boolean. Used by one thread.
 */
final class PageWalk {
    /** What {@link #next} needs of a page. */
    record Page(URI uri, JsonNode body, int records, List<String> links) {}

    private final Pagination pagination;
    private final URI base;
    private final Map<String, String> params;
    private final String shown;
    /** The page each token or next link was first seen on, to tell a loop from progress. */
    private final Map<String, Integer> seen = new HashMap<>();

    private int pages;
    private long offset;

    /** @param params every request's query parameters, the bookmark's included */
    PageWalk(Pagination pagination, URI base, Map<String, String> params) {
        this.pagination = pagination;
        this.base = base;
        this.params = Map.copyOf(params);
        this.shown = Requests.shown(base);
    }

    /** How many pages {@link #first} and {@link #next} have handed out. */
    int pages() {
        return pages;
    }

    URI first() {
        pages = 1;
        if (pagination instanceof Pagination.PageNumber page) {
            return with(page.param(), String.valueOf(page.first()));
        }
        if (pagination instanceof Pagination.Offset off) {
            return with(off.param(), "0", off.limitParam(), String.valueOf(off.limit()));
        }
        return with();
    }

    /** The request after {@code page}, or empty when {@code page} was the last. */
    Optional<URI> next(Page page) {
        Optional<Boolean> more = pagination.hasMore().map(pointer -> flag(page.body(), pointer));
        if (more.isPresent() && !more.get()) {
            return Optional.empty();
        }
        Optional<URI> next = following(page, more.isPresent());
        if (next.isPresent() && pages >= pagination.maxPages()) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot read " + shown + ": it has more than " + pagination.maxPages()
                            + " pages (extract.pagination.max_pages), and loading only those would truncate the batch",
                    "raise extract.pagination.max_pages, or narrow the request with extract.params");
        }
        next.ifPresent(uri -> pages++);
        return next;
    }

    private Optional<URI> following(Page page, boolean flagged) {
        if (pagination instanceof Pagination.PageNumber number) {
            // without a has_more flag, an empty page is the end: a short page is not, as an API may cap the size
            return !flagged && page.records() == 0
                    ? Optional.empty()
                    : Optional.of(with(number.param(), String.valueOf(number.first() + pages)));
        }
        if (pagination instanceof Pagination.Offset off) {
            offset += page.records();
            return !flagged && page.records() == 0
                    ? Optional.empty()
                    : Optional.of(
                            with(off.param(), String.valueOf(offset), off.limitParam(), String.valueOf(off.limit())));
        }
        if (pagination instanceof Pagination.NextToken token) {
            Optional<String> value = token(page.body(), token.token());
            if (value.isEmpty()) {
                return endWithout("next token at " + token.token(), flagged);
            }
            remember(value.get(), "next token '" + shortened(value.get()) + "'");
            return Optional.of(with(token.param(), value.get()));
        }
        if (pagination instanceof Pagination.LinkHeader) {
            Optional<URI> link = LinkHeaders.next(page.links(), page.uri());
            if (link.isEmpty()) {
                return endWithout("Link header with rel=\"next\"", flagged);
            }
            remember(link.get().toString(), "next link");
            return Optional.of(onOwnAddress(link.get(), "next link"));
        }
        if (pagination instanceof Pagination.NextUrl next) {
            Optional<String> value = token(page.body(), next.url());
            if (value.isEmpty()) {
                return endWithout("next URL at " + next.url(), flagged);
            }
            URI url;
            try {
                url = LinkHeaders.resolve(page.uri(), value.get());
            } catch (IllegalArgumentException e) {
                throw WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot read " + shown + ": page " + pages + " has no valid URL at " + next.url(),
                        "point extract.pagination.next_url at the field that holds the next page's URL");
            }
            remember(url.toString(), "next URL");
            return Optional.of(onOwnAddress(url, "next URL"));
        }
        return Optional.empty();
    }

    /**
     * A next page elsewhere would get the requests' credentials, as a redirect would (which is not
     * followed either): only the connection's own scheme, host and port are read.
     */
    private URI onOwnAddress(URI next, String what) {
        boolean same = base.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(next.getHost()))
                && port(base) == port(next);
        if (!same) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot read " + shown + ": page " + pages + "'s " + what + " points to another address ("
                            + next.getScheme() + "://" + next.getHost()
                            + (next.getPort() < 0 ? "" : ":" + next.getPort())
                            + "), which would receive the requests' credentials",
                    "Weir reads next pages on the connection's own scheme, host and port only: write the address the"
                            + " API pages on in extract.connection");
        }
        return next;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** No token or link ends the walk, unless the declared flag says more pages follow: then it is an error. */
    private Optional<URI> endWithout(String what, boolean flagged) {
        if (flagged) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot read " + shown + ": page " + pages + " says more pages follow (has_more) but has no "
                            + what,
                    "check extract.pagination and its has_more against a response of the API");
        }
        return Optional.empty();
    }

    private void remember(String key, String what) {
        Integer before = seen.putIfAbsent(key, pages);
        if (before != null) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot read " + shown + ": page " + pages + " gives the same " + what + " as page " + before
                            + "; following it would loop forever",
                    "the API's pagination is broken for this request: check extract.pagination against its documentation");
        }
    }

    private boolean flag(JsonNode body, JsonPointer pointer) {
        JsonNode value = body.at(pointer);
        if (!value.isBoolean()) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot read " + shown + ": page " + pages + " has "
                            + (value.isMissingNode()
                                    ? "nothing"
                                    : "a JSON " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                            + " at " + pointer + " (extract.pagination.has_more), not true or false",
                    "point has_more at the boolean that says whether another page follows, or remove it");
        }
        return value.booleanValue();
    }

    private static Optional<String> token(JsonNode body, JsonPointer pointer) {
        JsonNode value = body.at(pointer);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(value.asText()).filter(t -> !t.isEmpty());
    }

    private URI with(String... pairs) {
        Map<String, String> all = new LinkedHashMap<>(params);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return Requests.withParams(base, all);
    }

    private static String shortened(String token) {
        return token.length() <= 40 ? token : token.substring(0, 37) + "...";
    }
}
