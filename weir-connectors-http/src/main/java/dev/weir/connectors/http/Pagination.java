package dev.weir.connectors.http;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Objects;
import java.util.Optional;

/**
 * How an API splits its records into pages, as {@code extract.pagination} declares it. Every kind
 * stops at {@code maxPages} at the latest, and fails there rather than load a silently truncated
 * batch; {@code hasMore}, when declared, points at a boolean in each body that says whether
 * another page follows.
 */
sealed interface Pagination {
    int maxPages();

    Optional<JsonPointer> hasMore();

    /** One request, no pagination. */
    record Single() implements Pagination {
        @Override
        public int maxPages() {
            return 1;
        }

        @Override
        public Optional<JsonPointer> hasMore() {
            return Optional.empty();
        }
    }

    /** {@code ?page=1}, {@code ?page=2}, ... until a page holds no record. */
    record PageNumber(String param, long first, Optional<JsonPointer> hasMore, int maxPages) implements Pagination {
        public PageNumber {
            Objects.requireNonNull(param, "param is null");
            Objects.requireNonNull(hasMore, "hasMore is null");
        }
    }

    /** {@code ?offset=0&limit=100}, the offset moved by the records each page held, until a page holds none. */
    record Offset(String param, String limitParam, long limit, Optional<JsonPointer> hasMore, int maxPages)
            implements Pagination {
        public Offset {
            Objects.requireNonNull(param, "param is null");
            Objects.requireNonNull(limitParam, "limitParam is null");
            Objects.requireNonNull(hasMore, "hasMore is null");
        }
    }

    /** The next page's token is in the body at {@code token}, sent back as {@code ?param=token}; no token, no next page. */
    record NextToken(JsonPointer token, String param, Optional<JsonPointer> hasMore, int maxPages)
            implements Pagination {
        public NextToken {
            Objects.requireNonNull(token, "token is null");
            Objects.requireNonNull(param, "param is null");
            Objects.requireNonNull(hasMore, "hasMore is null");
        }
    }

    /** The next page's URL is the RFC 8288 {@code Link} header's {@code rel="next"}; none, no next page. */
    record LinkHeader(Optional<JsonPointer> hasMore, int maxPages) implements Pagination {
        public LinkHeader {
            Objects.requireNonNull(hasMore, "hasMore is null");
        }
    }

    /**
     * The next page's URL is in the body at {@code url} (absolute, or relative to the page), as
     * APIs that return {@code "next": "https://..."} do; missing, null or empty, no next page.
     */
    record NextUrl(JsonPointer url, Optional<JsonPointer> hasMore, int maxPages) implements Pagination {
        public NextUrl {
            Objects.requireNonNull(url, "url is null");
            Objects.requireNonNull(hasMore, "hasMore is null");
        }
    }
}
