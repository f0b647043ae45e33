package dev.weir.examples.plugin;

import static dev.weir.core.spec.load.ValueType.INTEGER;

import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import dev.weir.core.spi.SourceSection;
import java.util.Optional;

/**
 * {@code source_system: sequence}: generates {@code rows_per_run} numbered rows per run. Read
 * incrementally, each run continues after the last number committed, a position of its own kind.
 */
public final class SequenceSourceFactory implements SourceFactory {
    private static final MappingRule KEYS = MappingRule.of(KeyRule.of("rows_per_run", INTEGER, "rows_per_run: 10")
            .range(1, 1_000_000)
            .defaultsTo("10"));

    /** How many rows a run generates. */
    record Options(int rowsPerRun) implements SourceOptions {}

    @Override
    public String sourceSystem() {
        return "sequence";
    }

    @Override
    public MappingRule keys() {
        return KEYS;
    }

    @Override
    public Optional<SourceOptions> read(SourceSection extract) {
        if (extract.incrementalKey().isPresent()) {
            extract.problem("incremental_key", "A sequence keeps its own position", "remove incremental_key");
            return Optional.empty();
        }
        return Optional.of(
                new Options(Integer.parseInt(extract.text("rows_per_run").orElseThrow())));
    }

    @Override
    public Source open(ExtractSpec extract, SourceContext context) {
        return new SequenceSource(
                ((Options) extract.options()).rowsPerRun(), extract.strategy() == ExtractStrategy.INCREMENTAL, context);
    }
}
