package dev.weir.connectors.http;

import com.fasterxml.jackson.core.JsonPointer;
import dev.weir.connectors.file.DeclaredColumn;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds an http source's options as a spec would, opens it on a URL and reads everything it hands over. */
final class SourceFixture {
    /** What a read handed to the sink. */
    static final class Collected implements RecordSink {
        final List<List<Object>> rows = new ArrayList<>();
        final List<String> rowOrigins = new ArrayList<>();
        final List<RecordReject> rejects = new ArrayList<>();

        @Override
        public void row(Object[] values, String file, long line) {
            rows.add(Arrays.asList(values));
            rowOrigins.add(file + ":" + line);
        }

        @Override
        public void reject(RecordReject reject) {
            rejects.add(reject);
        }

        List<Object> column(int index) {
            return rows.stream().map(r -> r.get(index)).toList();
        }
    }

    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, String> columns = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private String records = "/data";
    private boolean flatten;
    private Pagination pagination = new Pagination.Single();
    private Optional<String> sinceParam = Optional.empty();
    private BookmarkLookback lookback = BookmarkLookback.NONE;
    private RetrySettings retry = new RetrySettings(3, Duration.ofMillis(5), Duration.ofMillis(50));
    private Optional<Double> rate = Optional.empty();
    private Duration readTimeout = Duration.ofSeconds(5);
    private Auth auth = new Auth.None();
    private Optional<String> key = Optional.empty();

    SourceFixture() {
        columns.put("id", "BIGINT NOT NULL");
        columns.put("name", "VARCHAR");
    }

    /** Declares the columns, in order: name, declaration, name, declaration... */
    SourceFixture columns(String... declarations) {
        columns.clear();
        for (int i = 0; i < declarations.length; i += 2) {
            columns.put(declarations[i], declarations[i + 1]);
        }
        return this;
    }

    SourceFixture records(String pointer) {
        records = pointer;
        return this;
    }

    SourceFixture flatten() {
        flatten = true;
        return this;
    }

    SourceFixture pagination(Pagination kind) {
        pagination = kind;
        return this;
    }

    SourceFixture param(String name, String value) {
        params.put(name, value);
        return this;
    }

    SourceFixture incrementalOn(String column, String since) {
        key = Optional.of(column);
        sinceParam = Optional.ofNullable(since);
        return this;
    }

    SourceFixture retry(int maxRetries, Duration base, Duration max) {
        retry = new RetrySettings(maxRetries, base, max);
        return this;
    }

    SourceFixture requestsPerSecond(double limit) {
        rate = Optional.of(limit);
        return this;
    }

    SourceFixture lookback(BookmarkLookback value) {
        lookback = value;
        return this;
    }

    SourceFixture readTimeout(Duration timeout) {
        readTimeout = timeout;
        return this;
    }

    SourceFixture auth(Auth kind, Map<String, String> environment) {
        auth = kind;
        secrets.putAll(environment);
        return this;
    }

    HttpSourceOptions options() {
        return new HttpSourceOptions(
                params,
                Map.of(),
                JsonPointer.compile(records),
                columns.entrySet().stream()
                        .map(e -> DeclaredColumn.parse(e.getKey(), e.getValue()))
                        .toList(),
                flatten,
                pagination,
                sinceParam,
                retry,
                rate,
                Duration.ofSeconds(2),
                readTimeout,
                auth,
                lookback);
    }

    /** Opens the source on {@code url} after {@code previous} and reads the whole batch. */
    Collected read(URI url, Optional<Position> previous) {
        try (HttpSource source = open(url)) {
            SourceBatch batch = source.open(previous);
            Collected collected = new Collected();
            ((Batch.Records) batch.batch()).reader().read(collected);
            return collected;
        }
    }

    Collected read(URI url) {
        return read(url, Optional.empty());
    }

    HttpSource open(URI url) {
        SourceContext context = new SourceContext(
                "orders",
                Path.of("."),
                Path.of("."),
                name -> Optional.ofNullable(secrets.get(name)),
                new Cancellation() {
                    @Override
                    public boolean isCancelled() {
                        return false;
                    }

                    @Override
                    public void check() {
                        if (Thread.currentThread().isInterrupted()) {
                            throw WeirException.withHint(ErrorCode.CANCELLED, "cancelled", null);
                        }
                    }
                });
        return new HttpSource(url, options(), key, Optional.empty(), context);
    }
}
