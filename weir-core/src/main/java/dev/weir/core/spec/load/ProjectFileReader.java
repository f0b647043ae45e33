package dev.weir.core.spec.load;

import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.SchedulerSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Validates {@code weir.yaml} and resolves it into {@link ProjectSettings}. */
final class ProjectFileReader {
    private final Path root;
    private final SchemaValidator validator;
    private final SpecSchema schema;

    ProjectFileReader(Path root, SchemaValidator validator, SpecSchema schema) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.validator = Objects.requireNonNull(validator, "validator is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
    }

    /**
     * Settings from {@code tree}; where the file is broken, defaults stand in so the pipeline files
     * can still be checked.
     */
    ProjectSettings read(Optional<YamlNode> tree, FileProblems problems) {
        Optional<YamlNode.Mapping> mapping =
                tree.filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast);
        tree.filter(t -> !(t instanceof YamlNode.Mapping))
                .ifPresent(t -> problems.add(
                        t,
                        "",
                        "Expected a mapping, found " + t.describe(),
                        "start weir.yaml with a line like 'name: shop'"));
        if (mapping.isEmpty()) {
            return settings(SectionValues.root(problems, new YamlNode.Mapping(List.of(), 1, 1), schema.project));
        }
        validator.validate(mapping.get(), schema.project, "", problems);
        return settings(SectionValues.root(problems, mapping.get(), schema.project));
    }

    private ProjectSettings settings(SectionValues values) {
        Path stateDir = path(values, "state_dir").orElseGet(() -> root.resolve(".weir"));
        Path warehouse = path(values, "warehouse").orElseGet(() -> stateDir.resolve("warehouse"));
        MetastoreReader.Metastore metastore = new MetastoreReader(root).read(values, stateDir);
        SectionValues defaults = values.section("defaults");
        ErrorHandlingSpec errorHandling =
                new ErrorHandlingReader().read(defaults.section("error_handling"), ErrorHandlingSpec.DEFAULTS);
        return new ProjectSettings(
                values.text("name").orElse(""),
                values.text("engine").orElse(SpecSchema.DUCKDB),
                stateDir,
                warehouse,
                metastore.url(),
                metastore.login(),
                defaults.text("owner").orElse(""),
                errorHandling,
                scheduler(values.section("scheduler")),
                new AlertSettingsReader().read(values.section("alerts")));
    }

    private static SchedulerSettings scheduler(SectionValues section) {
        ZoneId zone = SchedulerSettings.DEFAULTS.timeZone();
        Optional<String> zoneText = section.text("time_zone");
        if (zoneText.isPresent()) {
            try {
                zone = ZoneId.of(zoneText.get()).normalized();
            } catch (DateTimeException e) {
                section.problems()
                        .add(
                                section.location("time_zone"),
                                "Unknown time zone '" + zoneText.get() + "'",
                                "use a region name such as Europe/Berlin or America/New_York, or UTC");
            }
        }
        return new SchedulerSettings(zone, Math.max(1, section.integer("max_concurrent")));
    }

    private Optional<Path> path(SectionValues values, String key) {
        Optional<String> text = values.text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(root.resolve(text.get()).normalize());
        } catch (InvalidPathException e) {
            values.problems()
                    .add(
                            values.location(key),
                            "Invalid path '" + text.get() + "'",
                            "use a path relative to the project root, such as .weir");
            return Optional.empty();
        }
    }
}
