package dev.weir.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the published JSON Schemas ({@code docs/schema}) describing exactly what the loader
 * accepts: keys, required keys, types, allowed values, bounds, patterns and defaults.
 */
class JsonSchemaTest {
    private static final Path SCHEMAS = Path.of("..", "docs", "schema");

    @Test
    void projectSchemaMatchesTheLoadersRules() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMAS.resolve("project.schema.json").toFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertMatches(schema, schema, SpecSchema.PROJECT, "weir.yaml");
    }

    @Test
    void pipelineSchemaMatchesTheLoadersRules() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMAS.resolve("pipeline.schema.json").toFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertMatches(schema, schema, SpecSchema.PIPELINE, "pipeline");
    }

    private static void assertMatches(JsonNode root, JsonNode object, MappingRule rule, String path) {
        JsonNode node = resolve(root, object);
        assertThat(node.path("type").asText()).as(path + " type").isEqualTo("object");
        assertThat(node.path("additionalProperties").asBoolean(true)).as(path + " additionalProperties").isFalse();
        assertThat(fieldNames(node.path("properties"))).as(path + " keys").containsExactlyElementsOf(rule.keyNames());
        assertThat(texts(node.path("required"))).as(path + " required keys").containsExactlyElementsOf(
                rule.keys().stream().filter(KeyRule::isRequired).map(KeyRule::key).toList());
        for (KeyRule key : rule.keys()) {
            String keyPath = path + "." + key.key();
            JsonNode property = resolve(root, node.path("properties").path(key.key()));
            assertThat(property.path("description").asText()).as(keyPath + " description").isNotBlank();
            assertKey(root, property, key, keyPath);
        }
    }

    private static void assertKey(JsonNode root, JsonNode property, KeyRule key, String path) {
        switch (key.type()) {
            case STRING -> assertThat(property.path("type").asText()).as(path).isEqualTo("string");
            case INTEGER -> assertThat(property.path("type").asText()).as(path).isEqualTo("integer");
            case BOOLEAN -> assertThat(property.path("type").asText()).as(path).isEqualTo("boolean");
            case STRING_LIST -> assertItems(property, "string", path);
            case MAPPING -> assertMatches(root, property, key.nested().orElseThrow(), path);
            case MAPPING_LIST -> {
                assertThat(property.path("type").asText()).as(path).isEqualTo("array");
                assertMatches(root, property.path("items"), key.nested().orElseThrow(), path + "[]");
            }
            case STRING_MAP -> {
                assertThat(property.path("type").asText()).as(path).isEqualTo("object");
                assertThat(property.path("additionalProperties").path("type").asText()).as(path).isEqualTo("string");
            }
            case FREE_MAPPING_LIST -> assertItems(property, "object", path);
        }
        JsonNode patternHolder = key.type() == ValueType.STRING_LIST ? property.path("items") : property;
        assertThat(texts(property.path("enum"))).as(path + " enum").containsExactlyElementsOf(key.allowed());
        assertThat(patternHolder.path("pattern").asText(null)).as(path + " pattern")
                .isEqualTo(key.format().map(f -> "^" + f.pattern().pattern() + "$").orElse(null));
        assertThat(property.path("default").asText(null)).as(path + " default").isEqualTo(key.defaultValue().orElse(null));
        assertThat(property.has("minimum") ? property.path("minimum").asLong() : null).as(path + " minimum")
                .isEqualTo(key.min().isPresent() ? key.min().getAsLong() : null);
        assertThat(property.has("maximum") ? property.path("maximum").asLong() : null).as(path + " maximum")
                .isEqualTo(key.max().isPresent() ? key.max().getAsLong() : null);
    }

    private static void assertItems(JsonNode property, String itemType, String path) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("array");
        assertThat(property.path("items").path("type").asText()).as(path + " items").isEqualTo(itemType);
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? root.at(ref.substring(1)) : node;
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
