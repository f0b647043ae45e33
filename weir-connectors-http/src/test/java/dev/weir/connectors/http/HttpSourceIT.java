package dev.weir.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.KeyWatermark;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The http source against a real local server that paginates and injects faults. */
class HttpSourceIT {
    private static TestApi api;

    @BeforeAll
    static void startServer() {
        api = TestApi.start();
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    /** {"data": [{id, name}...]} for ids {@code from} to {@code to}, inclusive; none when from > to. */
    private static String records(int from, int to, String more) {
        String data = IntStream.rangeClosed(from, to)
                .mapToObj(i -> "{\"id\":" + i + ",\"name\":\"n" + i + "\"}")
                .collect(Collectors.joining(","));
        return "{\"data\":[" + data + "]" + more + "}";
    }

    private static List<Object> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (Object) (long) i).toList();
    }

    @Test
    void pageNumberPaginationReadsUntilAnEmptyPage() {
        URI url = api.serve("/pages", (request, n) -> {
            int page = Integer.parseInt(request.query().get("page"));
            return TestApi.Response.json(page <= 3 ? records(page * 2 - 1, page * 2, "") : records(1, 0, ""));
        });

        SourceFixture.Collected read = new SourceFixture()
                .pagination(new Pagination.PageNumber("page", 1, Optional.empty(), 100))
                .read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 6));
        assertThat(api.requests("/pages"))
                .extracting(r -> r.query().get("page"))
                .containsExactly("1", "2", "3", "4");
        assertThat(read.rowOrigins).startsWith(url + " page 1:1", url + " page 1:2", url + " page 2:1");
    }

    @Test
    void offsetPaginationMovesByTheRecordsAPageHeldSoAnApiThatCapsThePageSizeIsReadWhole() {
        URI url = api.serve("/offsets", (request, n) -> {
            int offset = Integer.parseInt(request.query().get("offset"));
            // asked for 5 a page, this API gives 2 at most
            return TestApi.Response.json(
                    offset < 5 ? records(offset + 1, Math.min(offset + 2, 5), "") : records(1, 0, ""));
        });

        SourceFixture.Collected read = new SourceFixture()
                .pagination(new Pagination.Offset("offset", "limit", 5, Optional.empty(), 100))
                .read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 5));
        assertThat(api.requests("/offsets"))
                .extracting(r -> r.query().get("offset") + "/" + r.query().get("limit"))
                .containsExactly("0/5", "2/5", "4/5", "5/5");
    }

    @Test
    void cursorPaginationFollowsTheNextTokenUntilThereIsNone() {
        URI url = api.serve("/cursor", (request, n) -> {
            String cursor = request.query().getOrDefault("cursor", "start");
            return TestApi.Response.json(
                    switch (cursor) {
                        case "start" -> records(1, 2, ",\"meta\":{\"next\":\"t2\"}");
                        case "t2" -> records(3, 4, ",\"meta\":{\"next\":\"t3\"}");
                        default -> records(5, 5, ",\"meta\":{\"next\":null}");
                    });
        });

        SourceFixture.Collected read = new SourceFixture()
                .pagination(
                        new Pagination.NextToken(JsonPointer.compile("/meta/next"), "cursor", Optional.empty(), 100))
                .read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 5));
        assertThat(api.requests("/cursor"))
                .extracting(r -> r.query().get("cursor"))
                .containsExactly(null, "t2", "t3");
    }

    @Test
    void aRepeatedNextTokenFailsInsteadOfLoopingForever() {
        URI url = api.serve("/loop", (request, n) -> TestApi.Response.json(records(n, n, ",\"next\":\"same\"")));

        assertThatThrownBy(() -> new SourceFixture()
                        .pagination(
                                new Pagination.NextToken(JsonPointer.compile("/next"), "cursor", Optional.empty(), 100))
                        .read(url))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot read " + url
                        + ": page 2 gives the same next token 'same' as page 1; following it would loop forever");
        assertThat(api.requests("/loop")).hasSize(2);
    }

    @Test
    void linkHeaderPaginationFollowsRelNextResolvedAgainstThePage() {
        URI url = api.serve("/linked", (request, n) -> {
            int page = Integer.parseInt(request.query().getOrDefault("p", "1"));
            TestApi.Response response = TestApi.Response.json(records(page, page, ""));
            return page < 3
                    ? response.withHeader(
                            "Link", "</linked?p=1>; rel=\"first\", </linked?p=" + (page + 1) + ">; rel=\"next\"")
                    : response.withHeader("Link", "</linked?p=1>; rel=\"first\"");
        });

        SourceFixture.Collected read = new SourceFixture()
                .pagination(new Pagination.LinkHeader(Optional.empty(), 100))
                .read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 3));
        assertThat(api.requests("/linked")).hasSize(3);
    }

    @Test
    void aNextLinkToAnotherAddressFailsTheReadAndGetsNoCredentials() {
        try (TestApi elsewhere = TestApi.start()) {
            URI stranger = elsewhere.serve("/steal", (request, n) -> TestApi.Response.json(records(9, 9, "")));
            URI url = api.serve(
                    "/leaky",
                    (request, n) -> TestApi.Response.json(records(1, 1, ""))
                            .withHeader("Link", "<" + stranger + "?p=2>; rel=\"next\""));

            assertThatThrownBy(() -> new SourceFixture()
                            .pagination(new Pagination.LinkHeader(Optional.empty(), 100))
                            .auth(new Auth.Bearer("TOKEN"), Map.of("TOKEN", "t0k3n-never-elsewhere"))
                            .read(url))
                    .isInstanceOf(WeirException.class)
                    .hasMessageContaining("page 1's next link points to another address")
                    .hasMessageNotContaining("t0k3n");
            assertThat(elsewhere.requests("/steal")).isEmpty();
        }
    }

    @Test
    void nextUrlPaginationFollowsTheUrlInTheBodyResolvedAgainstThePage() {
        URI url = api.serve("/nexturl", (request, n) -> {
            int page = Integer.parseInt(request.query().getOrDefault("p", "1"));
            String next =
                    page < 3 ? ",\"links\":{\"next\":\"/nexturl?p=" + (page + 1) + "\"}" : ",\"links\":{\"next\":null}";
            return TestApi.Response.json(records(page, page, next));
        });

        SourceFixture.Collected read = new SourceFixture()
                .pagination(new Pagination.NextUrl(JsonPointer.compile("/links/next"), Optional.empty(), 100))
                .read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 3));
        assertThat(api.requests("/nexturl")).hasSize(3);
    }

    @Test
    void aHasMoreFlagThatIsFalseEndsTheReadAndOneThatIsTrueGoesOnPastAnEmptyPage() {
        URI url = api.serve("/flagged", (request, n) -> {
            int page = Integer.parseInt(request.query().get("page"));
            return TestApi.Response.json(
                    switch (page) {
                        case 1 -> records(1, 2, ",\"has_more\":true");
                        case 2 -> records(1, 0, ",\"has_more\":true");
                        default -> records(3, 3, ",\"has_more\":false");
                    });
        });

        SourceFixture.Collected read = new SourceFixture()
                .pagination(new Pagination.PageNumber("page", 1, Optional.of(JsonPointer.compile("/has_more")), 100))
                .read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 3));
        assertThat(api.requests("/flagged")).hasSize(3);
    }

    @Test
    void aDeclaredHasMoreFlagMissingFromABodyFailsRatherThanGuess() {
        URI url = api.serve("/unflagged", (request, n) -> TestApi.Response.json(records(1, 1, "")));

        assertThatThrownBy(() -> new SourceFixture()
                        .pagination(new Pagination.PageNumber(
                                "page", 1, Optional.of(JsonPointer.compile("/has_more")), 100))
                        .read(url))
                .hasMessage("Cannot read " + url
                        + ": page 1 has nothing at /has_more (extract.pagination.has_more), not true or false");
    }

    @Test
    void reachingMaxPagesFailsTheReadInsteadOfTruncatingIt() {
        URI url = api.serve("/endless", (request, n) -> TestApi.Response.json(records(n, n, "")));

        assertThatThrownBy(() -> new SourceFixture()
                        .pagination(new Pagination.PageNumber("page", 1, Optional.empty(), 3))
                        .read(url))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot read " + url + ": it has more than 3 pages (extract.pagination.max_pages),"
                        + " and loading only those would truncate the batch");
        assertThat(api.requests("/endless")).hasSize(3);
    }

    @Test
    void a429IsTriedAgainNoSoonerThanItsRetryAfterSays() {
        URI url = api.serve(
                "/limited",
                (request, n) -> n == 1
                        ? TestApi.Response.status(429).withHeader("Retry-After", "1")
                        : TestApi.Response.json(records(1, 2, "")));

        SourceFixture.Collected read = new SourceFixture()
                .retry(3, Duration.ofMillis(1), Duration.ofSeconds(5))
                .read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 2));
        List<TestApi.Request> requests = api.requests("/limited");
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(
                        requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void gatewayErrorsAreRetriedAndTheReadGoesOn() {
        URI url = api.serve("/flaky", (request, n) -> switch (n) {
            case 1 -> TestApi.Response.status(503);
            case 2 -> TestApi.Response.status(502);
            case 3 -> TestApi.Response.status(504);
            default -> TestApi.Response.json(records(1, 3, ""));
        });

        SourceFixture.Collected read = new SourceFixture().read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 3));
        assertThat(api.requests("/flaky")).hasSize(4);
    }

    @Test
    void aSourceThatKeepsFailingFailsAfterMaxRetriesWithOneLineNamingTheUrlAndTheLastStatus() {
        URI url = api.serve("/down", (request, n) -> TestApi.Response.status(503));

        assertThatThrownBy(() -> new SourceFixture()
                        .retry(2, Duration.ofMillis(1), Duration.ofMillis(5))
                        .param("status", "open")
                        .read(url))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessage("Cannot read page 1 of " + url + ": HTTP 503 after 3 tries (extract.retry.max_retries: 2)");
        assertThat(api.requests("/down")).hasSize(3);
    }

    @Test
    void a500FailsAtOnceWithoutRetrying() {
        URI url = api.serve("/broken", (request, n) -> TestApi.Response.status(500));

        assertThatThrownBy(() -> new SourceFixture().read(url))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED))
                .hasMessage("Cannot read page 1 of " + url + ": HTTP 500");
        assertThat(api.requests("/broken")).hasSize(1);
    }

    @Test
    void aSlowResponseTimesOutAndIsTriedAgain() {
        URI url = api.serve(
                "/slow-once",
                (request, n) -> n == 1
                        ? TestApi.Response.json(records(1, 1, "")).after(Duration.ofSeconds(3))
                        : TestApi.Response.json(records(1, 2, "")));

        SourceFixture.Collected read =
                new SourceFixture().readTimeout(Duration.ofMillis(300)).read(url);

        assertThat(read.column(0)).isEqualTo(ids(1, 2));
        assertThat(api.requests("/slow-once")).hasSize(2);
    }

    @Test
    void aResponseThatStaysSlowFailsNamingTheTimeout() {
        URI url = api.serve(
                "/slow",
                (request, n) -> TestApi.Response.json(records(1, 1, "")).after(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> new SourceFixture()
                        .retry(1, Duration.ofMillis(1), Duration.ofMillis(5))
                        .readTimeout(Duration.ofMillis(200))
                        .read(url))
                .hasMessage(
                        "Cannot read page 1 of " + url
                                + ": no complete response within the read timeout after 2 tries (extract.retry.max_retries: 1)");
    }

    @Test
    void aBodyCutShortOfItsContentLengthIsBoundedByTheReadTimeoutTriedAgainAndFailsClearly() {
        URI url = api.serve(
                "/truncated",
                (request, n) -> TestApi.Response.json(records(1, 50, "")).truncatedTo(100));

        assertThatThrownBy(() -> new SourceFixture()
                        .retry(1, Duration.ofMillis(1), Duration.ofMillis(5))
                        .readTimeout(Duration.ofMillis(500))
                        .read(url))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessage(
                        "Cannot read page 1 of " + url
                                + ": no complete response within the read timeout after 2 tries (extract.retry.max_retries: 1)");
        assertThat(api.requests("/truncated")).hasSize(2);
    }

    @Test
    void aCompleteResponseWhoseJsonEndsHalfwayFailsTheReadNamingThePage() {
        URI url = api.serve(
                "/cut-json",
                (request, n) -> TestApi.Response.json(records(1, 50, "").substring(0, 100)));

        assertThatThrownBy(() -> new SourceFixture().read(url))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT))
                .hasMessageStartingWith(
                        "Cannot read " + url + " page 1: the body is not valid JSON (Unexpected end-of-input");
    }

    @Test
    void aBodyThatIsNotValidJsonFailsTheReadNamingThePage() {
        URI url = api.serve("/malformed", (request, n) -> TestApi.Response.json("{\"data\":[{\"id\":1},{\"id\":"));

        assertThatThrownBy(() -> new SourceFixture().read(url))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT))
                .hasMessageStartingWith("Cannot read " + url + " page 1: the body is not valid JSON (");
    }

    @Test
    void aRecordThatIsNotAnObjectOrDoesNotConvertIsARejectWithItsReasonAndTheOthersLoad() {
        URI url = api.serve(
                "/mixed",
                (request, n) -> TestApi.Response.json(
                        "{\"data\":[{\"id\":1,\"name\":\"a\"},42,{\"id\":\"x\"},{\"name\":\"b\"}]}"));

        SourceFixture.Collected read = new SourceFixture().read(url);

        assertThat(read.column(0)).containsExactly(1L);
        assertThat(read.rejects)
                .extracting(r -> r.describe() + " @ " + r.origin() + " " + r.record())
                .containsExactly(
                        "malformed_record: the record is a JSON number, not an object @ " + url + " page 1:2 42",
                        "malformed_number: column 'id': 'x' is not an integer @ " + url + " page 1:3 {\"id\":\"x\"}",
                        "null_required: column 'id' is NOT NULL but has no value @ " + url
                                + " page 1:4 {\"name\":\"b\"}");
    }

    @Test
    void nestedObjectsAreFlattenedToColumnsWhenAskedAndKeptAsJsonTextOtherwise() {
        String body =
                "[{\"id\":1,\"customer\":{\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\"}},\"tags\":[\"a\",\"b\"]}]";
        URI url = api.serve("/nested", (request, n) -> TestApi.Response.json(body));

        SourceFixture.Collected flat = new SourceFixture()
                .records("")
                .flatten()
                .columns("id", "BIGINT", "customer_address_city", "VARCHAR", "tags", "VARCHAR")
                .read(url);
        SourceFixture.Collected kept = new SourceFixture()
                .records("")
                .columns("id", "BIGINT", "customer", "VARCHAR")
                .read(url);

        assertThat(flat.rows).containsExactly(List.of(1L, "Oslo", "[\"a\",\"b\"]"));
        assertThat(kept.rows).containsExactly(List.of(1L, "{\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\"}}"));
    }

    @Test
    void theCommittedBookmarkIsSentAsTheSinceParameterAndRecordsNotPastItAreFilteredOut() {
        URI url = api.serve("/since", (request, n) -> TestApi.Response.json(records(1, 1, "")));
        SourceFixture fixture = new SourceFixture().incrementalOn("id", "after_id");

        try (HttpSource source = fixture.open(url)) {
            var batch = source.open(Optional.of(new KeyWatermark("id", "41").toPosition()));
            ((dev.weir.core.spi.Batch.Records) batch.batch()).reader().read(new SourceFixture.Collected());

            assertThat(batch.filter()).hasValueSatisfying(f -> {
                assertThat(f.column()).isEqualTo("id");
                assertThat(f.after()).contains("41");
            });
        }
        assertThat(api.requests("/since"))
                .extracting(r -> r.query().get("after_id"))
                .containsExactly("41");
    }

    @Test
    void aLookbackStartsTheFilterAndTheSinceParameterThatFarBelowTheBookmark() {
        URI url = api.serve("/lookback", (request, n) -> TestApi.Response.json(records(1, 1, "")));
        SourceFixture fixture = new SourceFixture()
                .incrementalOn("id", "after_id")
                .lookback(new BookmarkLookback(
                        dev.weir.core.spi.Lookback.parse("5").orElseThrow(), BookmarkLookback.Kind.INTEGER));

        try (HttpSource source = fixture.open(url)) {
            var batch = source.open(Optional.of(new KeyWatermark("id", "41").toPosition()));
            ((dev.weir.core.spi.Batch.Records) batch.batch()).reader().read(new SourceFixture.Collected());

            assertThat(batch.filter())
                    .hasValueSatisfying(f -> assertThat(f.after()).contains("36"));
            // no record read: the bookmark stays where it was, never the lowered one
            assertThat(batch.end().resolve((column, type) -> Optional.empty()))
                    .hasValueSatisfying(p -> assertThat(p.display()).isEqualTo("41"));
        }
        assertThat(api.requests("/lookback"))
                .extracting(r -> r.query().get("after_id"))
                .containsExactly("36");
    }

    @Test
    void requestStartsAreSpacedByTheRateLimit() {
        URI paged = api.serve(
                "/paced-pages", (request, n) -> TestApi.Response.json(n <= 3 ? records(n, n, "") : records(1, 0, "")));
        new SourceFixture()
                .pagination(new Pagination.PageNumber("page", 1, Optional.empty(), 10))
                .requestsPerSecond(10)
                .read(paged);

        List<TestApi.Request> requests = api.requests("/paced-pages");
        assertThat(requests).hasSize(4);
        // four starts at 10 a second span at least 300 ms; 50 ms are allowed for the first request's way to the server
        assertThat(Duration.ofNanos(
                        requests.get(3).receivedNanos() - requests.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void eachAuthKindSendsItsHeaderWithTheSecretFromTheEnvironment() {
        URI url = api.serve("/auth", (request, n) -> TestApi.Response.json(records(1, 1, "")));
        Map<String, String> env = Map.of("TOKEN", "t0k3n", "USER", "ann", "PASSWORD", "pa55", "KEY", "k3y");

        new SourceFixture().auth(new Auth.Bearer("TOKEN"), env).read(url);
        new SourceFixture().auth(new Auth.Basic("USER", "PASSWORD"), env).read(url);
        new SourceFixture().auth(new Auth.ApiKey("X-Shop-Key", "KEY"), env).read(url);

        List<TestApi.Request> requests = api.requests("/auth");
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer t0k3n");
        assertThat(requests.get(1).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ann:pa55".getBytes(StandardCharsets.UTF_8)));
        assertThat(requests.get(2).header("X-Shop-Key")).isEqualTo("k3y");
    }

    @Test
    void aRefusedTokenFailsNamingTheStatusAndTheAuthSettingButNeverTheToken() {
        URI url = api.serve("/refused", (request, n) -> TestApi.Response.status(401));

        assertThatThrownBy(() -> new SourceFixture()
                        .auth(new Auth.Bearer("TOKEN"), Map.of("TOKEN", "planted-secret-41"))
                        .read(url))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.getMessage() + e.hint().orElse("")).doesNotContain("planted-secret-41");
                    assertThat(e.hint()).contains("check extract.auth and the secret its environment variable holds");
                })
                .hasMessage("Cannot read page 1 of " + url + ": HTTP 401");
    }

    @Test
    void aSecretThatIsNotSetFailsNamingTheVariable() {
        URI url = api.serve("/unset", (request, n) -> TestApi.Response.json(records(1, 1, "")));

        assertThatThrownBy(() -> new SourceFixture()
                        .auth(new Auth.Bearer("SHOP_TOKEN"), Map.of())
                        .read(url))
                .hasMessage("Cannot authenticate: environment variable SHOP_TOKEN (extract.auth.token_env) is not set");
        assertThat(api.requests("/unset")).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedSoCredentialsNeverGoElsewhere() {
        URI elsewhere = api.serve("/elsewhere", (request, n) -> TestApi.Response.json(records(1, 1, "")));
        URI url = api.serve(
                "/moved", (request, n) -> TestApi.Response.status(301).withHeader("Location", elsewhere.toString()));

        assertThatThrownBy(() -> new SourceFixture()
                        .auth(new Auth.Bearer("TOKEN"), Map.of("TOKEN", "t0k3n"))
                        .read(url))
                .hasMessage("Cannot read page 1 of " + url + ": HTTP 301");
        assertThat(api.requests("/elsewhere")).isEmpty();
    }
}
