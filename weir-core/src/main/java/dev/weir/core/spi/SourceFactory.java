package dev.weir.core.spi;

import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.load.MappingRule;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A kind of source, found through {@link java.util.ServiceLoader} and chosen by a pipeline's
 * {@code extract.source_system}. It brings its own part of the {@code extract:} section: the keys
 * it accepts besides the common ones ({@code source_system}, {@code connection}, {@code strategy},
 * {@code incremental_key}, {@code watermark_storage}), how they combine, and then the sources
 * themselves. Implementations are stateless and safe to use from several threads.
 */
public interface SourceFactory {
    /** The {@code source_system} value this factory serves: lower case, such as {@code files}. */
    String sourceSystem();

    /**
     * The source's own keys of {@code extract:}, validated like every spec key (types, allowed values,
     * formats, did-you-mean hints) and listed in the published JSON Schema. A key another source also
     * declares must be declared identically.
     */
    MappingRule keys();

    /**
     * Reads the source's settings from a section whose keys passed {@link #keys()}; reports what
     * spans keys (combinations, the strategy) with {@link SpecValues#problem}.
     *
     * @return the settings, or empty when a problem was reported
     */
    Optional<SourceOptions> read(SourceSection extract);

    /**
     * A source for one run of a pipeline whose {@code extract} this factory read. The caller closes it.
     *
     * @param extract its {@link ExtractSpec#options()} are what {@link #read} returned
     */
    Source open(ExtractSpec extract, SourceContext context);

    /**
     * Drops what this source made at its origin for the pipeline reading {@code extract} (a
     * replication slot and publication), for {@code weir cdc drop}; a source that makes nothing there
     * drops nothing.
     *
     * @return one line per thing dropped, for people; empty when there was nothing to drop
     */
    default List<String> dropOrigin(ExtractSpec extract, SourceContext context) {
        return List.of();
    }

    /**
     * For {@code weir doctor}: checks what sources of this kind hold at the origins the project's
     * pipelines read, and finds what they hold there for no pipeline of the project any more (a
     * replication slot nobody reads keeps WAL until the server's disk fills). Reads only.
     *
     * @param extracts every pipeline of the project with this {@code source_system}: its name, then its extract
     * @param contexts a context for the pipeline of that name
     * @return one finding per origin or thing held there; empty for a source that holds nothing at its origin
     */
    default List<HealthFinding> checkOrigins(
            Map<String, ExtractSpec> extracts, Function<String, SourceContext> contexts) {
        return List.of();
    }

    /** The {@code extract.strategy} values this source can read with; another is a spec error. */
    default Set<ExtractStrategy> strategies() {
        return EnumSet.of(ExtractStrategy.FULL, ExtractStrategy.INCREMENTAL);
    }

    /**
     * True when the sources this factory opens implement {@link LiveKeys}, so that a pipeline may
     * declare {@code extract.reconcile_deletes}.
     */
    default boolean listsKeys() {
        return false;
    }

    /**
     * True when the sources this factory opens implement {@link WindowedSource} for a pipeline
     * reading {@code extract}, so that it can be backfilled.
     */
    default boolean readsWindows(ExtractSpec extract) {
        return false;
    }
}
