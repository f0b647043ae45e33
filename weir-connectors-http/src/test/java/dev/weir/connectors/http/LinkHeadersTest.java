package dev.weir.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeadersTest {
    private static final URI PAGE = URI.create("https://api.example.com/v1/orders?page=2");

    @Test
    void theNextLinkIsFoundAmongOthersAndResolvedAgainstThePage() {
        assertThat(LinkHeaders.next(
                        List.of(
                                "<https://api.example.com/v1/orders?page=1>; rel=\"prev\", </v1/orders?page=3>; rel=\"next\""),
                        PAGE))
                .contains(URI.create("https://api.example.com/v1/orders?page=3"));
    }

    @Test
    void relMayBeUnquotedInAnyCaseOrListSeveralRelations() {
        assertThat(LinkHeaders.next(List.of("<?page=3>; REL=Next"), PAGE))
                .contains(URI.create("https://api.example.com/v1/orders?page=3"));
        assertThat(LinkHeaders.next(List.of("<https://x.test/a?b=1,2>; title=\"a, b\"; rel=\"last next\""), PAGE))
                .contains(URI.create("https://x.test/a?b=1,2"));
    }

    @Test
    void noLinkWithRelNextMeansNoNextPage() {
        assertThat(LinkHeaders.next(List.of("</v1/orders?page=1>; rel=\"first\""), PAGE))
                .isEmpty();
        assertThat(LinkHeaders.next(List.of(), PAGE)).isEmpty();
    }
}
