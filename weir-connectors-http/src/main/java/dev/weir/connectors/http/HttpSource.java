package dev.weir.connectors.http;

import dev.weir.connectors.file.JsonRecordConverter;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.KeyWatermark;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the records of a JSON API, page after page, in declared columns. Incremental on a key, the
 * bookmark is the greatest key of the records loaded, committed by core with the data
 * ({@link KeyWatermark}); it is sent as {@code since_param} when declared, and records not past it
 * are filtered out in any case, so an API whose parameter is inclusive loads nothing twice. With a
 * {@code lookback}, both start that far below the bookmark, so that records arriving later with the
 * bookmark's value are read; the load's merge removes what is read twice.
 */
final class HttpSource implements Source {
    private final URI base;
    private final HttpSourceOptions options;
    private final Optional<String> keyColumn;
    private final Optional<String> keyType;
    private final SourceContext context;
    private final ApiClient client;

    HttpSource(
            URI base,
            HttpSourceOptions options,
            Optional<String> keyColumn,
            Optional<String> keyType,
            SourceContext context) {
        this.base = base;
        this.options = options;
        this.keyColumn = keyColumn;
        this.keyType = keyType;
        this.context = context;
        this.client = new ApiClient(
                options, Credentials.of(options.auth(), context.secrets()), Clock.systemUTC(), new SecureRandom());
    }

    @Override
    public SourceBatch open(Optional<Position> previous) {
        Map<String, String> params = new LinkedHashMap<>(options.params());
        Optional<Batch.KeyFilter> filter = keyColumn
                .map(key -> KeyWatermark.filter(previous, key, keyType))
                .map(f -> new Batch.KeyFilter(f.column(), f.after().map(options.lookback()::lower), f.type()));
        filter.flatMap(Batch.KeyFilter::after)
                .ifPresent(bookmark -> options.sinceParam().ifPresent(param -> params.put(param, bookmark)));
        HttpRecordReader reader = new HttpRecordReader(
                client,
                new PageWalk(options.pagination(), base, params),
                options.records(),
                new JsonRecordConverter(options.columns(), options.flatten()),
                context.cancellation());
        List<Column> columns = options.columns().stream()
                .map(c -> new Column(0, c.name(), c.type().icebergName(), c.required()))
                .toList();
        Batch batch = new Batch.Records(columns, reader, "records of " + Requests.shown(base));
        BatchEnd end = filter.map(f -> KeyWatermark.end(previous, f)).orElse(BatchEnd.none());
        return new SourceBatch(batch, filter, end, false);
    }
}
