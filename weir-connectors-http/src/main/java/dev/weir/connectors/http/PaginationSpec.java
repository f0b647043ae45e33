package dev.weir.connectors.http;

import static dev.weir.core.spec.load.ValueType.INTEGER;
import static dev.weir.core.spec.load.ValueType.STRING;

import com.fasterxml.jackson.core.JsonPointer;
import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.SpecValues;
import java.util.List;
import java.util.Optional;

/** {@code extract.pagination}: its keys, and which of them each pagination type takes. */
final class PaginationSpec {
    static final MappingRule RULE = MappingRule.of(
            KeyRule.of("type", STRING, "type: cursor")
                    .oneOf(List.of("none", "page_number", "offset", "cursor", "next_url", "link_header"))
                    .required(),
            KeyRule.of("param", STRING, "param: page"),
            KeyRule.of("start", INTEGER, "start: 1"),
            KeyRule.of("limit_param", STRING, "limit_param: limit"),
            KeyRule.of("limit", INTEGER, "limit: 100").atLeast(1),
            KeyRule.of("next_token", STRING, "next_token: /meta/next_cursor")
                    .format(HttpSourceFactory.POINTER, "a JSON pointer"),
            KeyRule.of("next_url", STRING, "next_url: /links/next").format(HttpSourceFactory.POINTER, "a JSON pointer"),
            KeyRule.of("has_more", STRING, "has_more: /has_more").format(HttpSourceFactory.POINTER, "a JSON pointer"),
            KeyRule.of("max_pages", INTEGER, "max_pages: 1000").atLeast(1).defaultsTo("1000"));

    private PaginationSpec() {}

    /** The pagination {@code section} declares; empty, with a problem reported, when it is not one. */
    static Optional<Pagination> read(SpecValues section) {
        String type = section.text("type").orElse("none");
        int maxPages = Integer.parseInt(section.text("max_pages").orElseThrow());
        Optional<JsonPointer> hasMore = section.text("has_more").map(JsonPointer::compile);
        List<String> allowed = switch (type) {
            case "page_number" -> List.of("param", "start");
            case "offset" -> List.of("param", "limit_param", "limit");
            case "cursor" -> List.of("param", "next_token");
            case "next_url" -> List.of("next_url");
            default -> List.of();
        };
        for (String key : List.of("param", "start", "limit_param", "limit", "next_token", "next_url")) {
            if (section.has(key) && !allowed.contains(key)) {
                section.problem(
                        key,
                        "'" + key + "' does not apply to pagination type " + type,
                        allowed.isEmpty()
                                ? "remove it"
                                : "remove it; type " + type + " takes " + String.join(", ", allowed));
                return Optional.empty();
            }
        }
        if (type.equals("none") && section.has("has_more")) {
            section.problem(
                    "has_more",
                    "'has_more' does not apply to pagination type none",
                    "remove it, or declare a pagination type");
            return Optional.empty();
        }
        return switch (type) {
            case "page_number" ->
                Optional.of(new Pagination.PageNumber(
                        section.text("param").orElse("page"),
                        section.text("start").map(Long::parseLong).orElse(1L),
                        hasMore,
                        maxPages));
            case "offset" -> {
                if (!section.has("limit")) {
                    section.problem(
                            "limit",
                            "Offset pagination needs the page size",
                            "add a line like 'limit: 100' (sent as limit_param, 'limit' unless declared)");
                    yield Optional.empty();
                }
                yield Optional.of(new Pagination.Offset(
                        section.text("param").orElse("offset"),
                        section.text("limit_param").orElse("limit"),
                        Long.parseLong(section.text("limit").orElseThrow()),
                        hasMore,
                        maxPages));
            }
            case "cursor" -> {
                if (!section.has("next_token")) {
                    section.problem(
                            "next_token",
                            "Cursor pagination needs to know where the next page's token is",
                            "add a line like 'next_token: /meta/next_cursor' (a JSON pointer into each response body)");
                    yield Optional.empty();
                }
                yield Optional.of(new Pagination.NextToken(
                        JsonPointer.compile(section.text("next_token").orElseThrow()),
                        section.text("param").orElse("cursor"),
                        hasMore,
                        maxPages));
            }
            case "next_url" -> {
                if (!section.has("next_url")) {
                    section.problem(
                            "next_url",
                            "Next-URL pagination needs to know where the next page's URL is",
                            "add a line like 'next_url: /links/next' (a JSON pointer into each response body)");
                    yield Optional.empty();
                }
                yield Optional.of(new Pagination.NextUrl(
                        JsonPointer.compile(section.text("next_url").orElseThrow()), hasMore, maxPages));
            }
            case "link_header" -> Optional.of(new Pagination.LinkHeader(hasMore, maxPages));
            default -> Optional.of(new Pagination.Single());
        };
    }
}
