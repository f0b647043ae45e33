package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.runtime.Plugins;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keeps the published JSON Schemas ({@code docs/schema}) describing exactly what the loader
 * accepts: keys, required keys, types, allowed values, bounds, patterns and defaults.
 */
class JsonSchemaTest {
    private static final Path SCHEMAS = Path.of("..", "docs", "schema");
    /** The rules with the plugins Weir ships (the file source, the weir-table source, DuckDB, log and webhook alerts). */
    private static final SpecSchema SCHEMA =
            new SpecSchema(Plugins.discover(name -> Optional.empty()).spec());

    @Test
    void projectSchemaMatchesTheLoadersRules() throws IOException {
        JsonNode schema = new ObjectMapper()
                .readTree(SCHEMAS.resolve("project.schema.json").toFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertMatches(schema, schema, SCHEMA.project, "weir.yaml");
    }

    @Test
    void pipelineSchemaMatchesTheLoadersRules() throws IOException {
        JsonNode schema = new ObjectMapper()
                .readTree(SCHEMAS.resolve("pipeline.schema.json").toFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertMatches(schema, schema, SCHEMA.pipeline, "pipeline");
    }

    @Test
    void contractSchemaMatchesTheLoadersRules() throws IOException {
        JsonNode schema = new ObjectMapper()
                .readTree(SCHEMAS.resolve("contract.schema.json").toFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertMatches(schema, schema, SpecSchema.CONTRACT_FILE, "contract file");
    }

    @Test
    void generatedSchemasFollowTheLoadersRulesWithTheInstalledPlugins() {
        JsonSchemas generated =
                new JsonSchemas(Plugins.discover(name -> Optional.empty()).spec());

        assertMatches(generated.project(), generated.project(), SCHEMA.project, "generated weir.yaml");
        assertMatches(generated.pipeline(), generated.pipeline(), SCHEMA.pipeline, "generated pipeline");
        assertMatches(generated.contract(), generated.contract(), SpecSchema.CONTRACT_FILE, "generated contract file");
        assertThat(generated.pipeline().path("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    private static void assertMatches(JsonNode root, JsonNode object, MappingRule rule, String path) {
        JsonNode node = resolve(root, object);
        assertThat(node.path("type").asText()).as(path + " type").isEqualTo("object");
        assertThat(node.path("additionalProperties").asBoolean(true))
                .as(path + " additionalProperties")
                .isFalse();
        assertThat(fieldNames(node.path("properties"))).as(path + " keys").containsExactlyElementsOf(rule.keyNames());
        assertThat(texts(node.path("required")))
                .as(path + " required keys")
                .containsExactlyElementsOf(rule.keys().stream()
                        .filter(KeyRule::isRequired)
                        .map(KeyRule::key)
                        .toList());
        for (KeyRule key : rule.keys()) {
            String keyPath = path + "." + key.key();
            JsonNode property = resolve(root, node.path("properties").path(key.key()));
            assertThat(property.path("description").asText())
                    .as(keyPath + " description")
                    .isNotBlank();
            assertKey(root, node, property, key, keyPath);
        }
    }

    private static void assertKey(JsonNode root, JsonNode object, JsonNode property, KeyRule key, String path) {
        switch (key.type()) {
            case STRING -> assertThat(property.path("type").asText()).as(path).isEqualTo("string");
            case INTEGER, LONG ->
                assertThat(property.path("type").asText()).as(path).isEqualTo("integer");
            case NUMBER -> assertThat(property.path("type").asText()).as(path).isEqualTo("number");
            case LITERAL -> assertThat(texts(property.path("type"))).as(path).containsExactly("number", "string");
            case BOOLEAN -> assertThat(property.path("type").asText()).as(path).isEqualTo("boolean");
            case STRING_LIST -> assertItems(property, "string", path);
            case MAPPING -> assertMatches(root, property, key.nested().orElseThrow(), path);
            case SELECTED_MAPPING -> assertVariants(root, object, property, key, path);
            case MAPPING_LIST -> {
                assertThat(property.path("type").asText()).as(path).isEqualTo("array");
                assertMatches(root, property.path("items"), key.nested().orElseThrow(), path + "[]");
            }
            case STRING_MAP -> {
                assertThat(property.path("type").asText()).as(path).isEqualTo("object");
                assertThat(property.path("additionalProperties").path("type").asText())
                        .as(path)
                        .isEqualTo("string");
            }
            case NAMED_MAPPINGS -> {
                assertThat(property.path("type").asText()).as(path).isEqualTo("object");
                assertThat(property.path("additionalProperties").path("type").asText())
                        .as(path)
                        .isEqualTo("object");
            }
        }
        JsonNode patternHolder = key.type() == ValueType.STRING_LIST ? property.path("items") : property;
        assertThat(texts(property.path("enum"))).as(path + " enum").containsExactlyElementsOf(key.allowed());
        assertThat(patternHolder.path("pattern").asText(null))
                .as(path + " pattern")
                .isEqualTo(
                        key.format().map(f -> "^" + f.pattern().pattern() + "$").orElse(null));
        assertThat(property.path("default").asText(null))
                .as(path + " default")
                .isEqualTo(key.defaultValue().orElse(null));
        assertThat(property.has("minimum") ? property.path("minimum").asLong() : null)
                .as(path + " minimum")
                .isEqualTo(
                        key.min().isPresent() && !key.exclusiveMin() ? key.min().getAsLong() : null);
        assertThat(
                        property.has("exclusiveMinimum")
                                ? property.path("exclusiveMinimum").asLong()
                                : null)
                .as(path + " exclusiveMinimum")
                .isEqualTo(
                        key.min().isPresent() && key.exclusiveMin() ? key.min().getAsLong() : null);
        assertThat(property.has("maximum") ? property.path("maximum").asLong() : null)
                .as(path + " maximum")
                .isEqualTo(key.max().isPresent() ? key.max().getAsLong() : null);
    }

    /**
     * A mapping whose keys depend on a sibling key: the object holding it says, for each value of
     * the selector, which keys it has ({@code allOf: [{if: {type: const}, then: {params: ...}}]}).
     */
    private static void assertVariants(JsonNode root, JsonNode object, JsonNode property, KeyRule key, String path) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("object");
        KeyRule.Variants variants = key.variants().orElseThrow();
        Map<String, JsonNode> byValue = new LinkedHashMap<>();
        for (JsonNode condition : object.path("allOf")) {
            JsonNode value = condition
                    .path("if")
                    .path("properties")
                    .path(variants.selector())
                    .path("const");
            JsonNode then = condition.path("then");
            if (value.isTextual() && then.path("properties").has(key.key())) {
                byValue.put(value.asText(), then);
            }
        }
        assertThat(byValue.keySet())
                .as(path + " variants")
                .containsExactlyElementsOf(variants.rules().keySet());
        variants.rules().forEach((value, rule) -> {
            String variantPath = path + "(" + variants.selector() + " " + value + ")";
            JsonNode then = byValue.get(value);
            assertMatches(root, then.path("properties").path(key.key()), rule, variantPath);
            assertThat(texts(then.path("required")).contains(key.key()))
                    .as(variantPath + " required")
                    .isEqualTo(rule.keys().stream().anyMatch(KeyRule::isRequired));
        });
    }

    private static void assertItems(JsonNode property, String itemType, String path) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("array");
        assertThat(property.path("items").path("type").asText())
                .as(path + " items")
                .isEqualTo(itemType);
    }

    // A definition may refine another one ({"$ref": "#/$defs/check", "not": ...}); the keys are the innermost one's.
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode resolved = node;
        while (resolved.path("$ref").asText("").startsWith("#/")) {
            resolved = root.at(resolved.path("$ref").asText().substring(1));
        }
        return resolved;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
