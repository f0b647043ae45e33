package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import dev.weir.core.error.SpecException;
import dev.weir.core.error.SpecProblem;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads a Weir project: {@code weir.yaml}, every pipeline file under {@code pipelines/} and every
 * contract file under {@code contracts/} (both directories optional). Every file is checked in
 * full, and either the whole project loads or a {@link SpecException} reports every problem in
 * every file, sorted by file, line and column.
 */
public final class ProjectLoader {
    static final String PROJECT_FILE = "weir.yaml";
    static final String PIPELINES_DIR = "pipelines";
    static final String CONTRACTS_DIR = "contracts";

    private static final Comparator<SpecProblem> BY_POSITION = Comparator.comparing(
                    (SpecProblem p) -> p.location().file())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column());

    private final Function<String, Optional<String>> environment;
    private final SpecPlugins plugins;
    private final SpecSchema schema;
    private final YamlTreeReader yaml = new YamlTreeReader();
    private final SchemaValidator validator = new SchemaValidator();

    /**
     * @param environment looks up {@code ${env:NAME}} values; production passes
     *     {@code name -> Optional.ofNullable(System.getenv(name))}
     * @param plugins the sources, engines and alert channels installed
     */
    public ProjectLoader(Function<String, Optional<String>> environment, SpecPlugins plugins) {
        this.environment = Objects.requireNonNull(environment, "environment is null");
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
        this.schema = new SpecSchema(plugins);
    }

    /**
     * @throws SpecException with every problem found, when any file is missing, unreadable or invalid
     */
    public ProjectSpec load(Path projectRoot) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Path projectFile = root.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(projectFile)) {
            throw new SpecException(List.of(new SpecProblem(
                    Location.ofFile(PROJECT_FILE),
                    "No " + PROJECT_FILE + " in " + root,
                    "run weir from the project directory, or pass --project <directory>")));
        }
        List<SpecProblem> problems = new ArrayList<>();
        Placeholders placeholders = new Placeholders(root, environment);

        FileProblems projectProblems = new FileProblems(PROJECT_FILE, problems);
        ProjectSettings settings = new ProjectFileReader(root, validator, schema)
                .read(tree(projectFile, placeholders, projectProblems), projectProblems);

        PipelineReader reader = new PipelineReader(root, settings, validator, schema, plugins);
        List<PipelineDraft> drafts = new ArrayList<>();
        for (Path file : yamlFiles(root, PIPELINES_DIR, "pipeline", problems)) {
            FileProblems fileProblems = new FileProblems(relative(root, file), problems);
            Optional<String> text = text(file, fileProblems);
            drafts.add(text.flatMap(t -> tree(t, placeholders, fileProblems))
                    .map(tree -> reader.read(file, text.get(), tree, fileProblems))
                    .orElseGet(() -> PipelineDraft.unreadable(fileProblems.file())));
        }
        ContractReader contractReader = new ContractReader(validator);
        List<ContractDraft> contractDrafts = new ArrayList<>();
        for (Path file : yamlFiles(root, CONTRACTS_DIR, "contract", problems)) {
            FileProblems fileProblems = new FileProblems(relative(root, file), problems);
            contractDrafts.add(tree(file, placeholders, fileProblems)
                    .map(tree -> contractReader.read(file, tree, fileProblems))
                    .orElseGet(() -> ContractDraft.unreadable(fileProblems.file())));
        }
        ProjectChecks projectChecks = new ProjectChecks(problems);
        projectChecks.check(drafts);
        projectChecks.checkContracts(contractDrafts);

        if (!problems.isEmpty()) {
            problems.sort(BY_POSITION);
            throw new SpecException(problems);
        }
        List<PipelineSpec> pipelines =
                drafts.stream().map(d -> d.spec().orElseThrow()).toList();
        List<ContractSpec> contracts =
                contractDrafts.stream().map(d -> d.spec().orElseThrow()).toList();
        return new ProjectSpec(
                root,
                settings.name(),
                settings.engine(),
                settings.stateDir(),
                settings.warehouse(),
                settings.metastoreUrl(),
                pipelines,
                contracts,
                settings.scheduler(),
                settings.alerts(),
                settings.metastoreLogin());
    }

    private Optional<YamlNode> tree(Path file, Placeholders placeholders, FileProblems problems) {
        return text(file, problems).flatMap(text -> tree(text, placeholders, problems));
    }

    private Optional<YamlNode> tree(String text, Placeholders placeholders, FileProblems problems) {
        return yaml.read(text, problems).map(tree -> placeholders.resolve(tree, "", problems));
    }

    private static Optional<String> text(Path file, FileProblems problems) {
        try {
            return Optional.of(Files.readString(file));
        } catch (CharacterCodingException e) {
            problems.add(Location.ofFile(problems.file()), "Cannot read file: not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            problems.add(Location.ofFile(problems.file()), "Cannot read file: " + e.getMessage(), "");
        }
        return Optional.empty();
    }

    /** The YAML files under {@code directory}, sorted by path; {@code kind} names them in a problem. */
    private static List<Path> yamlFiles(Path root, String directory, String kind, List<SpecProblem> problems) {
        Path dir = root.resolve(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml")
                            || f.getFileName().toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(f -> relative(root, f)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new SpecProblem(
                    Location.ofFile(directory),
                    "Cannot list " + kind + " files: " + e.getMessage(),
                    "check the directory's permissions"));
            return List.of();
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
