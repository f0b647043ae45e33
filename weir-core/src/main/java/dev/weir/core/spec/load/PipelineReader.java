package dev.weir.core.spec.load;

import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.PipelineInfo;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.QualityGatesSpec;
import dev.weir.core.spec.ReconcileDeletesSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spec.TransformSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates one pipeline file and reads it into a {@link PipelineDraft}. */
final class PipelineReader {
    private static final Pattern NAME = SpecSchema.PIPELINE_INFO
            .require("depends_on")
            .format()
            .orElseThrow()
            .pattern();

    private final Path root;
    private final ProjectSettings settings;
    private final SchemaValidator validator;
    private final SpecSchema schema;
    private final SpecPlugins plugins;

    PipelineReader(
            Path root, ProjectSettings settings, SchemaValidator validator, SpecSchema schema, SpecPlugins plugins) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.validator = Objects.requireNonNull(validator, "validator is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
    }

    /**
     * The draft; it carries a spec only when the file had no problem at all.
     *
     * @param text the file's text, where inline SQL is found again for errors at its characters
     */
    PipelineDraft read(Path file, String text, YamlNode tree, FileProblems problems) {
        if (!(tree instanceof YamlNode.Mapping mapping)) {
            problems.add(
                    tree,
                    "",
                    "Expected a mapping with pipeline, extract and load sections, found " + tree.describe(),
                    "start the file with a 'pipeline:' section");
            return PipelineDraft.unreadable(problems.file());
        }
        validator.validate(mapping, schema.pipeline, "", problems);
        SectionValues top = SectionValues.root(problems, mapping, schema.pipeline);
        SectionValues info = top.section("pipeline");
        Optional<LocatedText> name = info.text("name").map(n -> new LocatedText(n, info.location("name")));
        name.ifPresent(n -> FileBaseName.check(file, n, "Pipeline", problems));
        ScheduleReader.check(info);

        SectionValues extract = top.section("extract");
        ExtractReader.Read extracted = new ExtractReader(root, plugins).read(extract);
        Optional<ExtractSpec> extractSpec = extracted.spec();
        ScheduleReader.checkFollowedExtract(info, extract);
        List<TransformReader.LocatedStage> stages =
                new TransformReader(root, new InlineSqlOrigin(text)).read(top.section("transform"));
        Optional<LoadSpec> loadSpec = ChangeFeedLoad.apply(
                extractSpec.flatMap(e -> e.options().changes()),
                top.section("load"),
                new LoadReader().read(top.section("load")));
        extractSpec
                .flatMap(ExtractSpec::reconcileDeletes)
                .ifPresent(r -> loadSpec.ifPresent(l -> checkReconciledLoad(extract, r, l)));
        extractSpec.ifPresent(e -> loadSpec.ifPresent(l -> checkRereadLoad(extract, e, l)));
        extractSpec.ifPresent(e -> loadSpec.ifPresent(l -> checkDeleteMarkerLoad(top.section("load"), e, l)));
        extractSpec.ifPresent(e -> checkMaxLag(info, e));
        QualityGatesSpec gates = new QualityGatesReader().read(top.section("quality_gates"));
        ErrorHandlingSpec errorHandling =
                new ErrorHandlingReader().read(top.section("error_handling"), settings.defaultErrorHandling());

        Optional<PipelineSpec> spec = Optional.empty();
        if (problems.count() == 0 && name.isPresent() && extractSpec.isPresent() && loadSpec.isPresent()) {
            PipelineInfo pipelineInfo = new PipelineInfo(
                    name.get().text(),
                    info.text("owner").orElse(settings.defaultOwner()),
                    info.text("description").orElse(""),
                    ScheduleReader.schedule(info),
                    info.integer("sla_minutes"),
                    info.integer("tier"),
                    info.strings("depends_on"),
                    info.longInteger("max_lag"));
            TransformSpec transform = new TransformSpec(
                    top.section("transform").text("engine").orElse(settings.engine()),
                    stages.stream().map(TransformReader.LocatedStage::stage).toList());
            spec = Optional.of(new PipelineSpec(
                    file, pipelineInfo, extractSpec.get(), transform, loadSpec.get(), gates, errorHandling));
        }
        return new PipelineDraft(
                problems.file(),
                name,
                target(top.section("load")),
                dependsOn(info),
                tableRead(extract, extracted),
                stages.stream()
                        .map(s -> new LocatedText(s.stage().sql(), s.sqlLocation()))
                        .toList(),
                spec);
    }

    /** Rows gone from the source are found by key, so the load must be keyed; an scd2 history closes them instead. */
    private static void checkReconciledLoad(SectionValues extract, ReconcileDeletesSpec reconcile, LoadSpec load) {
        if (!load.strategy().needsMergeKeys()) {
            extract.problems()
                    .add(
                            extract.location("reconcile_deletes"),
                            "reconcile_deletes needs a load by key, not strategy "
                                    + load.strategy().yamlName(),
                            "load with 'strategy: upsert' (or merge, or scd2) and merge_keys set to the source's"
                                    + " primary key");
        } else if (load.strategy() == LoadStrategy.SCD2 && reconcile.mode() == ReconcileDeletesSpec.Mode.SOFT_DELETE) {
            extract.problems()
                    .add(
                            extract.section("reconcile_deletes").location("mode"),
                            "reconcile_deletes mode soft_delete does not apply to scd2",
                            "remove mode: an scd2 history closes the current version of a key gone from the source"
                                    + " (valid_to set, is_current false) and keeps its history");
        }
    }

    /** A read that takes rows again each run must replace them by key, or every run would duplicate them. */
    private static void checkRereadLoad(SectionValues extract, ExtractSpec spec, LoadSpec load) {
        Optional<String> rereads = spec.keyColumn().flatMap(k -> spec.options().rereads());
        if (rereads.isPresent() && !load.strategy().needsMergeKeys()) {
            extract.problems()
                    .add(
                            extract.location("strategy"),
                            "This incremental read takes " + rereads.get() + " again on every run, which load strategy "
                                    + load.strategy().yamlName() + " would load again each time",
                            "load with 'strategy: upsert' and merge_keys set to the source's key, so that rows read"
                                    + " again replace themselves");
        }
    }

    private static void checkMaxLag(SectionValues info, ExtractSpec spec) {
        if (info.has("max_lag") && !spec.options().measuresLag()) {
            info.problems()
                    .add(
                            info.location("max_lag"),
                            "A " + spec.sourceSystem() + " source does not measure how far the table is behind it,"
                                    + " so max_lag would never alert",
                            "remove max_lag; it watches the sources that measure lag (kafka, postgres cdc), and"
                                    + " contract freshness (sla.freshness_hours) watches the others");
        }
    }

    /** Rows that delete their key are applied only by a merge that deletes on the source's marker. */
    private static void checkDeleteMarkerLoad(SectionValues loadSection, ExtractSpec spec, LoadSpec load) {
        Optional<String> marker = spec.options().deleteMarker();
        if (marker.isEmpty()) {
            return;
        }
        boolean deletesOnMarker = load.strategy() == LoadStrategy.MERGE
                && load.deleteWhen().filter(w -> w.contains(marker.get())).isPresent();
        if (!deletesOnMarker) {
            String where = load.strategy() == LoadStrategy.MERGE ? "delete_when" : "strategy";
            loadSection
                    .problems()
                    .add(
                            loadSection.location(where),
                            "The source marks rows that delete their key with " + marker.get()
                                    + ", which this load would keep as rows of NULLs",
                            "load with 'strategy: merge' and 'delete_when: " + marker.get() + "'");
        }
    }

    private static Optional<LocatedText> target(SectionValues load) {
        return load.text("target").filter(TableId::isValid).map(t -> new LocatedText(t, load.location("target")));
    }

    // Names that are not identifiers were reported by the validator; they are not looked up again.
    private static List<LocatedText> dependsOn(SectionValues info) {
        List<LocatedText> located = new ArrayList<>();
        List<YamlNode> items = info.items("depends_on");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof YamlNode.Scalar scalar
                    && NAME.matcher(scalar.text()).matches()) {
                String field = FileProblems.item(FileProblems.child(info.path(), "depends_on"), i);
                located.add(new LocatedText(scalar.text(), info.problems().at(scalar, field)));
            }
        }
        return located;
    }

    /** The Weir table the source reads, located at {@code extract.connection}, for the checks across pipelines. */
    private static Optional<LocatedText> tableRead(SectionValues extract, ExtractReader.Read extracted) {
        return extracted
                .options()
                .flatMap(o -> o.tablesRead().stream().sorted().findFirst())
                .map(t -> new LocatedText(t.toString(), extract.location("connection")));
    }
}
