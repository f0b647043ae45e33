package dev.weir.connectors.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.weir.connectors.file.JsonRecordConverter;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads every page of one run and hands each record to the sink as it comes. A page that cannot be
 * read, after retries, or whose body is not the JSON declared, fails the whole read: the run then
 * commits nothing, and the next one starts again from the bookmark committed before. A record of a
 * readable page that does not convert is a reject, counted with its reason.
 */
final class HttpRecordReader implements RecordReader {
    private final ApiClient client;
    private final PageWalk walk;
    private final JsonPointer records;
    private final JsonRecordConverter converter;
    private final Cancellation cancellation;

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 2.50 is text "2.50" for a text column, as written, not 2.5
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    HttpRecordReader(
            ApiClient client,
            PageWalk walk,
            JsonPointer records,
            JsonRecordConverter converter,
            Cancellation cancellation) {
        this.client = client;
        this.walk = walk;
        this.records = records;
        this.converter = converter;
        this.cancellation = cancellation;
    }

    @Override
    public void read(RecordSink sink) {
        Optional<URI> next = Optional.of(walk.first());
        while (next.isPresent()) {
            cancellation.check();
            URI uri = next.get();
            // one String per page: the sink tells pages apart by instance, and origins read "<url> page N:<record>"
            String page = Requests.shown(uri) + " page " + walk.pages();
            HttpResponse<byte[]> response = client.get(uri, "page " + walk.pages() + " of " + Requests.shown(uri));
            JsonNode body = parse(response.body(), page);
            JsonNode array = recordsOf(body, page);
            long line = 0;
            for (JsonNode record : array) {
                converter.convert(record, page, ++line, sink);
            }
            next = walk.next(new PageWalk.Page(
                    uri, body, array.size(), response.headers().allValues("Link")));
        }
    }

    private JsonNode parse(byte[] body, String page) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw malformed(page, "the body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(
                    page,
                    "the body is not valid JSON ("
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + (e.getLocation() == null
                                    ? ""
                                    : " at byte " + e.getLocation().getByteOffset()) + ")");
        } catch (IOException e) {
            throw malformed(page, "the body cannot be read (" + e.getMessage() + ")");
        }
    }

    private JsonNode recordsOf(JsonNode body, String page) {
        JsonNode array = body.at(records);
        if (array.isNull()) {
            return json.createArrayNode();
        }
        if (!array.isArray()) {
            String where = records.toString().isEmpty() ? "the body" : records.toString();
            throw malformed(
                    page,
                    (array.isMissingNode()
                                    ? "the body has nothing at " + where
                                    : where + " is a JSON "
                                            + array.getNodeType().name().toLowerCase(Locale.ROOT))
                            + ", not an array of records (extract.records)");
        }
        return array;
    }

    /**
     * A page whose body cannot be read fails the run rather than becoming one reject: its records
     * cannot be told apart, so none of them could be counted or loaded.
     */
    private static WeirException malformed(String page, String why) {
        return WeirException.withHint(
                ErrorCode.MALFORMED_INPUT,
                "Cannot read " + page + ": " + why,
                "check extract.records against a response of the API; nothing of this run is committed, and the next"
                        + " run reads again from the last bookmark");
    }
}
