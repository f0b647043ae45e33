package dev.weir.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageWalkTest {
    private static final URI BASE = URI.create("https://api.example.com/orders?region=eu");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PageWalk.Page page(URI uri, String body, int records, String... links) throws Exception {
        JsonNode node = JSON.readTree(body);
        return new PageWalk.Page(uri, node, records, List.of(links));
    }

    @Test
    void pageNumbersStartWhereDeclaredKeepTheParametersAndEndAtAnEmptyPage() throws Exception {
        PageWalk walk = new PageWalk(
                new Pagination.PageNumber("p", 0, Optional.empty(), 10), BASE, Map.of("since", "2024-01-01 00:00:00"));

        URI first = walk.first();
        Optional<URI> second = walk.next(page(first, "{}", 2));
        Optional<URI> end = walk.next(page(second.orElseThrow(), "{}", 0));

        assertThat(first).hasToString("https://api.example.com/orders?region=eu&since=2024-01-01%2000%3A00%3A00&p=0");
        assertThat(second.orElseThrow().getQuery()).endsWith("&p=1");
        assertThat(end).isEmpty();
    }

    @Test
    void aShortPageIsNotTheEndSinceAnApiMayCapThePageSize() throws Exception {
        PageWalk walk =
                new PageWalk(new Pagination.Offset("offset", "limit", 100, Optional.empty(), 10), BASE, Map.of());

        Optional<URI> next = walk.next(page(walk.first(), "{}", 25));

        assertThat(next.orElseThrow().getQuery()).isEqualTo("region=eu&offset=25&limit=100");
    }

    @Test
    void aTokenThatRepeatsAnEarlierPagesFailsEvenWhenPagesInBetweenDiffer() throws Exception {
        PageWalk walk = new PageWalk(
                new Pagination.NextToken(JsonPointer.compile("/next"), "cursor", Optional.empty(), 10), BASE, Map.of());
        URI first = walk.first();
        URI second = walk.next(page(first, "{\"next\":\"a\"}", 1)).orElseThrow();
        URI third = walk.next(page(second, "{\"next\":\"b\"}", 1)).orElseThrow();

        assertThatThrownBy(() -> walk.next(page(third, "{\"next\":\"a\"}", 1)))
                .hasMessage(
                        "Cannot read https://api.example.com/orders: page 3 gives the same next token 'a' as page 1;"
                                + " following it would loop forever");
    }

    @Test
    void anEmptyOrNullTokenEndsTheWalkUnlessHasMoreSaysOtherwise() throws Exception {
        Pagination plain = new Pagination.NextToken(JsonPointer.compile("/next"), "cursor", Optional.empty(), 10);
        Pagination flagged = new Pagination.NextToken(
                JsonPointer.compile("/next"), "cursor", Optional.of(JsonPointer.compile("/more")), 10);
        PageWalk walk = new PageWalk(plain, BASE, Map.of());
        PageWalk flaggedWalk = new PageWalk(flagged, BASE, Map.of());

        assertThat(walk.next(page(walk.first(), "{\"next\":\"\"}", 1))).isEmpty();
        assertThatThrownBy(() -> flaggedWalk.next(page(flaggedWalk.first(), "{\"next\":null,\"more\":true}", 1)))
                .hasMessage("Cannot read https://api.example.com/orders: page 1 says more pages follow (has_more)"
                        + " but has no next token at /next");
    }

    @Test
    void aRepeatedNextLinkFailsLikeARepeatedToken() throws Exception {
        PageWalk walk = new PageWalk(new Pagination.LinkHeader(Optional.empty(), 10), BASE, Map.of());
        URI first = walk.first();
        URI second = walk.next(page(first, "{}", 1, "<?page=2>; rel=next")).orElseThrow();

        assertThatThrownBy(() -> walk.next(page(second, "{}", 1, "<?page=2>; rel=next")))
                .hasMessageContaining("page 2 gives the same next link as page 1");
    }

    @Test
    void noPaginationIsOneRequest() throws Exception {
        PageWalk walk = new PageWalk(new Pagination.Single(), BASE, Map.of());

        assertThat(walk.next(page(walk.first(), "{}", 5))).isEmpty();
    }
}
