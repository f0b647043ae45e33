package dev.weir.connectors.jdbc;

import static dev.weir.core.spec.load.ValueType.INTEGER;
import static dev.weir.core.spec.load.ValueType.STRING;
import static dev.weir.core.spec.load.ValueType.STRING_LIST;

import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.Lookback;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import dev.weir.core.spi.SourceSection;
import java.util.Optional;

/**
 * {@code source_system: jdbc}: a table or a query of a database, named by a connection of the
 * project ({@code connections:} in {@code weir.yaml}, or {@code connections/<name>.yaml}), read whole
 * or incrementally on a cursor column.
 */
public final class JdbcSourceFactory implements SourceFactory {
    static final int DEFAULT_FETCH_SIZE = 10_000;

    private static final MappingRule KEYS = MappingRule.of(
            KeyRule.of("table", STRING, "table: public.orders"),
            KeyRule.of("query", STRING, "query: select * from orders where region = 'EU'"),
            KeyRule.of("primary_key", STRING_LIST, "primary_key: [order_id]"),
            KeyRule.of("lookback", STRING, "lookback: 10m").defaultsTo("0"),
            KeyRule.of("fetch_size", INTEGER, "fetch_size: 10000")
                    .range(1, 1_000_000)
                    .defaultsTo(String.valueOf(DEFAULT_FETCH_SIZE)),
            KeyRule.of("null_cursor", STRING, "null_cursor: reject")
                    .oneOf(NullCursorPolicy.yamlNames())
                    .defaultsTo(NullCursorPolicy.REJECT.yamlName()));

    @Override
    public String sourceSystem() {
        return "jdbc";
    }

    @Override
    public boolean listsKeys() {
        return true;
    }

    /** An incremental read on a cursor reads any window of it. */
    @Override
    public boolean readsWindows(ExtractSpec extract) {
        return extract.keyColumn().isPresent();
    }

    @Override
    public MappingRule keys() {
        return KEYS;
    }

    @Override
    public Optional<SourceOptions> read(SourceSection extract) {
        Optional<ConnectionSpec> connection = connection(extract);
        Optional<JdbcSourceOptions.Relation> relation = relation(extract);
        Optional<Lookback> lookback = Lookback.read(extract);
        boolean valid = checkStrategy(extract);
        int fetchSize = Integer.parseInt(extract.text("fetch_size").orElseThrow());
        // read is called even when a key broke its rule; that rule reported an out-of-range fetch size already
        if (!valid || connection.isEmpty() || relation.isEmpty() || lookback.isEmpty() || fetchSize < 1) {
            return Optional.empty();
        }
        return Optional.of(new JdbcSourceOptions(
                connection.get(),
                relation.get(),
                extract.strings("primary_key"),
                lookback.get(),
                fetchSize,
                NullCursorPolicy.ofYaml(extract.text("null_cursor").orElseThrow())));
    }

    @Override
    public Source open(ExtractSpec extract, SourceContext context) {
        return new JdbcSource(extract, context);
    }

    static Optional<ConnectionSpec> connection(SourceSection extract) {
        String name = extract.connection();
        if (!ConnectionFiles.NAME.matcher(name).matches()) {
            extract.problem(
                    "connection",
                    "Invalid connection name '" + name + "'",
                    "name a connection of weir.yaml's connections (or a file " + ConnectionFiles.DIRECTORY
                            + "/<name>.yaml): letters, digits, _ and -, such as 'connection: shop'");
            return Optional.empty();
        }
        ConnectionFiles.Result read = new ConnectionFiles(extract.projectRoot()).read(name);
        read.problems().forEach(p -> extract.problem("connection", p.message(), p.hint()));
        return read.connection();
    }

    private static Optional<JdbcSourceOptions.Relation> relation(SourceSection extract) {
        boolean table = extract.has("table");
        boolean query = extract.has("query");
        if (table == query) {
            extract.problem(
                    table ? "query" : "table",
                    table ? "Use either table or query, not both" : "Missing what to read: table or query",
                    "add a line like 'table: public.orders', or 'query: select ...' for rows a query selects");
            return Optional.empty();
        }
        return Optional.of(new JdbcSourceOptions.Relation(extract.text("table"), extract.text("query")));
    }

    private static boolean checkStrategy(SourceSection extract) {
        ExtractStrategy strategy = extract.strategy();
        boolean valid = true;
        if (extract.keyType().isPresent()) {
            extract.problem(
                    "key_type",
                    "key_type does not apply to jdbc sources",
                    "remove it: the cursor is compared in its column's own type");
            valid = false;
        }
        if (strategy == ExtractStrategy.INCREMENTAL) {
            if (extract.incrementalKey().isEmpty()) {
                extract.problem(
                        "strategy",
                        "Incremental extraction needs a cursor column",
                        "add a line like 'incremental_key: updated_at'");
                return false;
            }
            if (extract.has("query") && extract.strings("primary_key").isEmpty()) {
                extract.problem(
                        "primary_key",
                        "An incremental query needs its primary key declared",
                        "add a line like 'primary_key: [order_id]': it tie-breaks rows that share a cursor value");
                valid = false;
            }
            return valid;
        }
        for (String key : new String[] {"lookback", "null_cursor", "primary_key"}) {
            // the keys a reconciliation of deletes compares may be declared for a full read too
            boolean keyOfReconciliation = key.equals("primary_key") && extract.has("reconcile_deletes");
            if (extract.has(key) && !keyOfReconciliation) {
                extract.problem(
                        key,
                        "'" + key + "' only applies to strategy incremental",
                        "remove it, or set 'strategy: incremental'");
                valid = false;
            }
        }
        return valid;
    }
}
