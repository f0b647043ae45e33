package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weir.core.error.SpecException;
import dev.weir.core.error.SpecProblem;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.runtime.Plugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Weir project written into a temporary directory by a test, loaded with a fixed environment. */
final class TestProject {
    private final Path root;
    private final Map<String, String> environment = new HashMap<>();

    TestProject(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    TestProject file(String relative, String content) {
        return file(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    TestProject file(String relative, byte[] content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestProject weirYaml(String content) {
        return file("weir.yaml", content);
    }

    /** Writes {@code pipelines/<name>.yaml}. */
    TestProject pipeline(String name, String content) {
        return file("pipelines/" + name + ".yaml", content);
    }

    /** Writes {@code contracts/<name>.yaml}. */
    TestProject contract(String name, String content) {
        return file("contracts/" + name + ".yaml", content);
    }

    TestProject env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    ProjectSpec load() {
        return new ProjectLoader(
                        name -> Optional.ofNullable(environment.get(name)),
                        Plugins.discover(name -> Optional.empty()).spec())
                .load(root);
    }

    /** The rendered problems loading reports; fails when the project loads. */
    List<String> problems() {
        SpecException thrown = catchThrowableOfType(SpecException.class, this::load);
        assertThat(thrown).as("loading the project should fail").isNotNull();
        return thrown.problems().stream().map(SpecProblem::render).toList();
    }
}
