package dev.weir.core.source;

import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.TableId;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.KeyWatermark;
import dev.weir.core.spi.KeyWindow;
import dev.weir.core.spi.LiveKeys;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import dev.weir.core.spi.SourceSection;
import dev.weir.core.spi.WindowedSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code source_system: weir}: another Weir table, named by {@code connection}, read whole or past
 * the last watermark of its {@code incremental_key}, compared in {@code key_type} when the key
 * column is text. Whatever engine runs the pipeline reads it.
 */
public final class WeirTableSourceFactory implements SourceFactory {
    /** The table a pipeline reads. */
    public record Options(TableId table) implements SourceOptions {
        @Override
        public Set<TableId> tablesRead() {
            return Set.of(table);
        }
    }

    @Override
    public String sourceSystem() {
        return ExtractSpec.WEIR;
    }

    @Override
    public MappingRule keys() {
        return MappingRule.of();
    }

    @Override
    public Optional<SourceOptions> read(SourceSection extract) {
        if (!TableId.isValid(extract.connection())) {
            extract.problem(
                    "connection",
                    "Invalid table name '" + extract.connection() + "'",
                    "with source_system weir, connection names a Weir table as namespace.table, such as silver.orders");
            return Optional.empty();
        }
        if (extract.strategy() == ExtractStrategy.INCREMENTAL
                && extract.incrementalKey().isEmpty()) {
            extract.problem(
                    "strategy",
                    "Incremental extraction needs incremental_key",
                    "add a line like 'incremental_key: updated_at'");
            return Optional.empty();
        }
        return Optional.of(new Options(TableId.parse(extract.connection())));
    }

    /** Its keys are the table's own, so deletes reconciled in one layer reach the layers it feeds. */
    @Override
    public boolean listsKeys() {
        return true;
    }

    /** A table read on an incremental key reads any window of it: the engine filters the table's rows. */
    @Override
    public boolean readsWindows(ExtractSpec extract) {
        return extract.keyColumn().isPresent();
    }

    @Override
    public Source open(ExtractSpec extract, SourceContext context) {
        TableId table = ((Options) extract.options()).table();
        Optional<String> key = extract.keyColumn();
        Optional<String> keyType = extract.keyType();
        return new TableSource(table, key, keyType);
    }

    private record TableSource(TableId table, Optional<String> key, Optional<String> keyType)
            implements Source, LiveKeys, WindowedSource {
        @Override
        public SourceBatch open(Optional<Position> previous) {
            return WeirTableSourceFactory.open(table, key, keyType, previous);
        }

        @Override
        public SourceBatch openWindow(KeyWindow window) {
            Batch.KeyFilter filter = Batch.KeyFilter.within(
                    key.orElseThrow(() -> new IllegalStateException("No incremental key on " + table)),
                    keyType,
                    window);
            return new SourceBatch(new Batch.Table(table), Optional.of(filter), BatchEnd.none(), false);
        }

        /** The table as the run attached it: its current snapshot, whose columns of those names the engine reads. */
        @Override
        public Batch liveKeys(List<String> columns) {
            return new Batch.Table(table);
        }
    }

    private static SourceBatch open(
            TableId table, Optional<String> key, Optional<String> keyType, Optional<Position> previous) {
        Batch batch = new Batch.Table(table);
        if (key.isEmpty()) {
            return new SourceBatch(batch, Optional.empty(), BatchEnd.none(), false);
        }
        Batch.KeyFilter filter = KeyWatermark.filter(previous, key.get(), keyType);
        return new SourceBatch(batch, Optional.of(filter), KeyWatermark.end(previous, filter), false);
    }
}
