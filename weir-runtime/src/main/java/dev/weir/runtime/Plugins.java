package dev.weir.runtime;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.load.SpecPlugins;
import dev.weir.core.spi.AlertChannelFactory;
import dev.weir.core.spi.Engine;
import dev.weir.core.spi.EngineFactory;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The engines, sources and alert channels on the class path, found through {@link ServiceLoader}:
 * a module that declares one in {@code META-INF/services} is part of every runtime that has it on
 * its class path. Engines are created once, on first use. Safe to use from several threads.
 */
public final class Plugins {
    private final Map<String, EngineFactory> engineFactories;
    private final SpecPlugins spec;
    private final Function<String, Optional<String>> settings;
    private final ConcurrentMap<String, Engine> engines = new ConcurrentHashMap<>();

    private Plugins(
            Map<String, EngineFactory> engineFactories, SpecPlugins spec, Function<String, Optional<String>> settings) {
        this.engineFactories = engineFactories;
        this.spec = spec;
        this.settings = settings;
    }

    /**
     * @param settings the engines' settings by name (the environment, in the CLI)
     * @throws IllegalStateException when two plugins claim one engine name or source system
     */
    public static Plugins discover(Function<String, Optional<String>> settings) {
        Map<String, EngineFactory> engines = new TreeMap<>();
        for (EngineFactory factory : load(EngineFactory.class)) {
            EngineFactory other = engines.put(factory.name(), factory);
            if (other != null) {
                throw new IllegalStateException("Two engine plugins are named '" + factory.name() + "': "
                        + other.getClass().getName() + " and "
                        + factory.getClass().getName());
            }
        }
        SpecPlugins spec = SpecPlugins.of(
                load(SourceFactory.class), List.copyOf(engines.keySet()), load(AlertChannelFactory.class));
        return new Plugins(engines, spec, settings);
    }

    /** What the plugins add to the spec language, for the project loader. */
    public SpecPlugins spec() {
        return spec;
    }

    /** The engine named {@code name}, created on first use. */
    public Engine engine(String name) {
        return engines.computeIfAbsent(name, n -> {
            EngineFactory factory = engineFactories.get(n);
            if (factory == null) {
                throw WeirException.withHint(
                        ErrorCode.USAGE,
                        "No engine named '" + n + "' is installed",
                        "installed engines: " + String.join(", ", engineFactories.keySet()));
            }
            return factory.create(settings);
        });
    }

    /** A source for one run of {@code pipeline}, from the factory of its {@code source_system}. */
    public Source source(PipelineSpec pipeline, SourceContext context) {
        SourceFactory factory = spec.sources().get(pipeline.extract().sourceSystem());
        if (factory == null) {
            throw new IllegalStateException("No source plugin serves source_system '"
                    + pipeline.extract().sourceSystem() + "'");
        }
        return factory.open(pipeline.extract(), context);
    }

    /** Drops what {@code pipeline}'s source made at its origin (a replication slot); what was dropped, one line each. */
    public List<String> dropOrigin(PipelineSpec pipeline, SourceContext context) {
        SourceFactory factory = spec.sources().get(pipeline.extract().sourceSystem());
        return factory == null ? List.of() : factory.dropOrigin(pipeline.extract(), context);
    }

    /**
     * For {@code weir doctor}: what each installed source kind finds at the origins of the
     * project's pipelines of its kind (see {@link SourceFactory#checkOrigins}).
     */
    public List<HealthFinding> checkOrigins(List<PipelineSpec> pipelines, Function<String, SourceContext> contexts) {
        List<HealthFinding> findings = new ArrayList<>();
        for (SourceFactory factory : spec.sources().values()) {
            Map<String, ExtractSpec> extracts = new LinkedHashMap<>();
            pipelines.stream()
                    .filter(p -> p.extract().sourceSystem().equals(factory.sourceSystem()))
                    .forEach(p -> extracts.put(p.name(), p.extract()));
            if (!extracts.isEmpty()) {
                findings.addAll(factory.checkOrigins(extracts, contexts));
            }
        }
        return findings;
    }

    /** Whether {@code pipeline}'s source can read a window of its incremental key, so that it can be backfilled. */
    public boolean readsWindows(PipelineSpec pipeline) {
        SourceFactory factory = spec.sources().get(pipeline.extract().sourceSystem());
        return factory != null && factory.readsWindows(pipeline.extract());
    }

    public List<AlertChannelFactory> alertChannels() {
        return spec.alertChannels();
    }

    private static <T> List<T> load(Class<T> type) {
        return ServiceLoader.load(type).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
