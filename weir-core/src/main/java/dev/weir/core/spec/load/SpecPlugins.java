package dev.weir.core.spec.load;

import dev.weir.core.spi.AlertChannelFactory;
import dev.weir.core.spi.SourceFactory;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What installed plugins add to the spec language: source systems with their {@code extract:} keys,
 * engine names, and alert channels (sorted by their description, so that hints list them in a stable order).
 */
public record SpecPlugins(
        Map<String, SourceFactory> sources, List<String> engines, List<AlertChannelFactory> alertChannels) {
    public SpecPlugins {
        sources = Collections.unmodifiableMap(new TreeMap<>(sources));
        engines = List.copyOf(engines);
        alertChannels = alertChannels.stream()
                .sorted(Comparator.comparing(AlertChannelFactory::description))
                .toList();
    }

    /**
     * @throws IllegalStateException when two source plugins serve one {@code source_system}
     */
    public static SpecPlugins of(
            List<SourceFactory> sources, List<String> engines, List<AlertChannelFactory> alertChannels) {
        Map<String, SourceFactory> bySystem = new TreeMap<>();
        for (SourceFactory factory : sources) {
            SourceFactory other = bySystem.put(factory.sourceSystem(), factory);
            if (other != null) {
                throw new IllegalStateException("Two source plugins serve source_system '" + factory.sourceSystem()
                        + "': " + other.getClass().getName() + " and "
                        + factory.getClass().getName());
            }
        }
        return new SpecPlugins(bySystem, engines, alertChannels);
    }
}
