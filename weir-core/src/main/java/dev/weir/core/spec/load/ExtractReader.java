package dev.weir.core.spec.load;

import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.ReconcileDeletesSpec;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the {@code extract:} section: the common keys here, the source's own through its factory.
 * A key of another source is pointed at the source it belongs to.
 */
final class ExtractReader {
    private final Path root;
    private final SpecPlugins plugins;

    /** What the section gave: the source's options when its part was valid, and the spec when the whole file was. */
    record Read(Optional<SourceOptions> options, Optional<ExtractSpec> spec) {}

    ExtractReader(Path root, SpecPlugins plugins) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
    }

    Read read(SectionValues extract) {
        FileProblems problems = extract.problems();
        Optional<SourceFactory> factory = extract.text("source_system").map(plugins.sources()::get);
        Optional<String> connection = extract.text("connection");
        Optional<ExtractStrategy> strategy =
                extract.choice("strategy", ExtractStrategy.values(), ExtractStrategy::yamlName);
        factory.ifPresent(f -> checkForeignKeys(extract, f));
        if (factory.isPresent()
                && strategy.isPresent()
                && !factory.get().strategies().contains(strategy.get())) {
            problems.add(
                    extract.location("strategy"),
                    "source_system " + factory.get().sourceSystem() + " cannot extract with strategy '"
                            + strategy.get().yamlName() + "'",
                    "write "
                            + factory.get().strategies().stream()
                                    .map(s -> "'strategy: " + s.yamlName() + "'")
                                    .collect(Collectors.joining(" or ")));
            strategy = Optional.empty();
        }
        if (strategy.filter(s -> s != ExtractStrategy.INCREMENTAL).isPresent() && extract.has("incremental_key")) {
            problems.add(
                    extract.location("incremental_key"),
                    "'incremental_key' only applies to strategy incremental",
                    "remove it, or set 'strategy: incremental'");
        }
        if (extract.has("key_type") && !extract.has("incremental_key")) {
            problems.add(
                    extract.location("key_type"),
                    "'key_type' only applies with an incremental_key",
                    "remove it, or add the key it types, such as 'incremental_key: updated_at'");
        }
        Optional<ReconcileDeletesSpec> reconcileDeletes = reconcileDeletes(extract, factory);
        Optional<SourceOptions> options = Optional.empty();
        if (factory.isPresent() && connection.isPresent() && strategy.isPresent()) {
            int before = problems.count();
            options = factory.get()
                    .read(new ExtractSection(extract, connection.get(), strategy.get(), root))
                    .filter(o -> problems.count() == before);
        }
        if (problems.count() > 0 || options.isEmpty()) {
            return new Read(options, Optional.empty());
        }
        return new Read(
                options,
                Optional.of(new ExtractSpec(
                        factory.get().sourceSystem(),
                        connection.get(),
                        strategy.get(),
                        extract.text("incremental_key"),
                        extract.text("key_type"),
                        options.get(),
                        reconcileDeletes)));
    }

    /** {@code reconcile_deletes}, for a source that can list the keys it holds. */
    private static Optional<ReconcileDeletesSpec> reconcileDeletes(
            SectionValues extract, Optional<SourceFactory> factory) {
        if (!extract.has("reconcile_deletes")) {
            return Optional.empty();
        }
        if (factory.isPresent() && !factory.get().listsKeys()) {
            extract.problems()
                    .add(
                            extract.location("reconcile_deletes"),
                            "source_system " + factory.get().sourceSystem()
                                    + " cannot list the keys it holds, so its deletes cannot be reconciled",
                            "remove reconcile_deletes; a source that is read whole each run can be loaded with"
                                    + " 'strategy: truncate-reload', which leaves out what the source no longer has");
            return Optional.empty();
        }
        SectionValues section = extract.section("reconcile_deletes");
        Optional<ReconcileDeletesSpec.Mode> mode =
                section.choice("mode", ReconcileDeletesSpec.Mode.values(), ReconcileDeletesSpec.Mode::yamlName);
        int everyRuns = section.integer("every_runs");
        int maxPercent = section.integer("max_delete_percent");
        // the rules of every_runs and max_delete_percent reported a value out of range already
        if (mode.isEmpty() || everyRuns < 1 || maxPercent < 0 || maxPercent > 100) {
            return Optional.empty();
        }
        return Optional.of(new ReconcileDeletesSpec(everyRuns, mode.get(), maxPercent));
    }

    /** A key that only another source knows, written here by mistake: each one reported, naming the sources it belongs to. */
    private void checkForeignKeys(SectionValues extract, SourceFactory factory) {
        List<String> common = SpecSchema.commonExtractKeys();
        for (String key : extract.writtenKeys()) {
            if (common.contains(key) || factory.keys().key(key).isPresent()) {
                continue;
            }
            List<String> owners = plugins.sources().values().stream()
                    .filter(f -> f.keys().key(key).isPresent())
                    .map(SourceFactory::sourceSystem)
                    .toList();
            // A key no source knows was reported by the validator.
            if (!owners.isEmpty() && extract.has(key)) {
                extract.problems()
                        .add(
                                extract.location(key),
                                "'" + key + "' only applies to source_system " + String.join(", ", owners),
                                "remove it: source_system " + factory.sourceSystem() + " does not read it");
            }
        }
    }
}
