package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not usable YAML documents at all. */
class YamlProblemsTest {
    private static final String SYNTAX_HINT = " — indent with spaces (not tabs), and quote values that contain ': ',"
            + " ' #' or start with a special character";

    @TempDir
    Path dir;

    private TestProject project;

    @BeforeEach
    void writeProjectFile() {
        project = new TestProject(dir).weirYaml("name: shop\n");
    }

    @Test
    void syntaxErrorGivesTheParsersMessageAndPosition() {
        project.pipeline("orders", """
                pipeline:
                  name: orders
                    owner: data-eng
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:3:10: Invalid YAML: mapping values are not allowed here" + SYNTAX_HINT);
    }

    @Test
    void tabIndentationIsASyntaxError() {
        project.pipeline("orders", "pipeline:\n\tname: orders\n");

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:2:1: Invalid YAML: while scanning for the next token: found character '\\t(TAB)'"
                                + " that cannot start any token. (Do not use \\t(TAB) for indentation)" + SYNTAX_HINT);
    }

    @Test
    void emptyAndCommentOnlyFilesAreReported() {
        project.pipeline("orders", "").pipeline("customers", "# to do\n");

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/customers.yaml: File is empty"
                                + " — a pipeline file needs at least the pipeline, extract and load sections",
                        "pipelines/orders.yaml: File is empty"
                                + " — a pipeline file needs at least the pipeline, extract and load sections");
    }

    @Test
    void emptyProjectFileIsReported() {
        project.weirYaml("");

        assertThat(project.problems())
                .containsExactly("weir.yaml: File is empty — weir.yaml needs at least a line like 'name: shop'");
    }

    @Test
    void listInsteadOfMappingIsReported() {
        project.pipeline("orders", "- pipeline\n- extract\n");

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:1: Expected a mapping with pipeline, extract and load sections, found a list"
                                + " — start the file with a 'pipeline:' section");
    }

    @Test
    void secondDocumentAndAliasesAreRefused() {
        project.pipeline("orders", """
                pipeline: {name: orders, owner: &team data-eng, description: *team}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                ---
                pipeline: {name: other}
                """);

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/orders.yaml:1:62: pipeline.description: YAML aliases (*team) are not supported"
                                + " — write the value out in full",
                        "pipelines/orders.yaml:5:1: A second YAML document ('---') is not allowed — keep one document per file");
    }

    @Test
    void fileThatIsNotUtf8IsReported() {
        project.file("pipelines/orders.yaml", "pipeline: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(project.problems())
                .containsExactly("pipelines/orders.yaml: Cannot read file: not UTF-8 text — save it as UTF-8");
    }

    @Test
    void complexKeysAndBinaryValuesAreReportedWithoutParserClassNames() {
        project.pipeline("orders", "pipeline: {name: orders, owner: !!binary aGVsbG8=}\n")
                .pipeline("customers", "? [pipeline, extract]\n: customers\n");

        assertThat(project.problems())
                .containsExactly(
                        "pipelines/customers.yaml:1:4: Invalid YAML: mapping keys must be plain values, not lists or mappings"
                                + SYNTAX_HINT,
                        "pipelines/orders.yaml:1:1: extract: Missing required key 'extract' — add a line like 'extract:"
                                + " {source_system: files, connection: data/orders.csv, format: csv, strategy: full}'",
                        "pipelines/orders.yaml:1:1: load: Missing required key 'load'"
                                + " — add a line like 'load: {target: silver.orders, strategy: append}'",
                        "pipelines/orders.yaml:1:33: pipeline.owner: Binary values (!!binary) are not supported"
                                + " — write the value as text");
    }

    @Test
    void integersMayBeWrittenInYamlsOtherNotations() {
        project.pipeline("orders", """
                pipeline: {name: orders, tier: 0x2, sla_minutes: 1_000}
                extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}
                load: {target: bronze.orders, strategy: append}
                """);

        assertThat(project.load().pipelines().get(0).pipeline())
                .extracting(p -> p.tier(), p -> p.slaMinutes())
                .containsExactly(2, 1000);
    }
}
