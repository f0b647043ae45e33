package dev.weir.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * JSON Schemas (draft 2020-12) of Weir's spec files, written from the same rules the loader checks,
 * with the keys of every installed plugin: what {@code weir schema} prints for an editor. The
 * schemas in {@code docs/schema} say more in prose; these are complete for the plugins at hand.
 */
public final class JsonSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private final SpecSchema schema;

    public JsonSchemas(SpecPlugins plugins) {
        this.schema = new SpecSchema(plugins);
    }

    /** The schema of {@code weir.yaml}. */
    public ObjectNode project() {
        return document("Weir project (weir.yaml)", schema.project);
    }

    /** The schema of a pipeline file, with every installed source's {@code extract:} keys. */
    public ObjectNode pipeline() {
        return document("Weir pipeline (pipelines/*.yaml)", schema.pipeline);
    }

    /** The schema of a contract file. */
    public ObjectNode contract() {
        return document("Weir data contract (contracts/*.yaml)", SpecSchema.CONTRACT_FILE);
    }

    private static ObjectNode document(String title, MappingRule rule) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", DRAFT);
        root.put("title", title);
        root.setAll(object(rule));
        return root;
    }

    private static ObjectNode object(MappingRule rule) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "object");
        node.put("additionalProperties", false);
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        ArrayNode conditions = JSON.createArrayNode();
        for (KeyRule key : rule.keys()) {
            properties.set(key.key(), property(key));
            if (key.isRequired()) {
                required.add(key.key());
            }
            key.variants().ifPresent(v -> addVariants(conditions, key, v));
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        if (!conditions.isEmpty()) {
            node.set("allOf", conditions);
        }
        return node;
    }

    /** For each value of the selector, the keys the selected mapping has. */
    private static void addVariants(ArrayNode conditions, KeyRule key, KeyRule.Variants variants) {
        for (Map.Entry<String, MappingRule> variant : variants.rules().entrySet()) {
            ObjectNode condition = conditions.addObject();
            ObjectNode when = condition.putObject("if");
            when.putObject("properties").putObject(variants.selector()).put("const", variant.getKey());
            when.putArray("required").add(variants.selector());
            ObjectNode then = condition.putObject("then");
            then.putObject("properties").set(key.key(), object(variant.getValue()));
            if (variant.getValue().keys().stream().anyMatch(KeyRule::isRequired)) {
                then.putArray("required").add(key.key());
            }
        }
    }

    private static JsonNode property(KeyRule key) {
        ObjectNode node = JSON.createObjectNode();
        node.put("description", "For example: " + key.example());
        switch (key.type()) {
            case STRING -> {
                node.put("type", "string");
                text(node, key);
            }
            case INTEGER, LONG -> bounded(node.put("type", "integer"), key);
            case NUMBER -> bounded(node.put("type", "number"), key);
            case LITERAL -> node.putArray("type").add("number").add("string");
            case BOOLEAN -> node.put("type", "boolean");
            case STRING_LIST -> {
                node.put("type", "array");
                text(node.putObject("items").put("type", "string"), key);
            }
            case MAPPING -> node.setAll(object(key.nested().orElseThrow()));
            case SELECTED_MAPPING -> node.put("type", "object");
            case MAPPING_LIST ->
                node.put("type", "array").set("items", object(key.nested().orElseThrow()));
            case STRING_MAP ->
                node.put("type", "object").putObject("additionalProperties").put("type", "string");
            case NAMED_MAPPINGS ->
                node.put("type", "object").putObject("additionalProperties").put("type", "object");
        }
        key.defaultValue().ifPresent(value -> {
            switch (key.type()) {
                case INTEGER, LONG -> node.put("default", Long.parseLong(value));
                case NUMBER -> node.put("default", new BigDecimal(value));
                case BOOLEAN -> node.put("default", Boolean.parseBoolean(value));
                default -> node.put("default", value);
            }
        });
        return node;
    }

    /** Allowed values and format of a string, or of each string of a list. */
    private static void text(ObjectNode node, KeyRule key) {
        if (!key.allowed().isEmpty()) {
            ArrayNode values = node.putArray("enum");
            key.allowed().forEach(values::add);
        }
        key.format().ifPresent(f -> node.put("pattern", "^" + f.pattern().pattern() + "$"));
    }

    private static void bounded(ObjectNode node, KeyRule key) {
        key.min().ifPresent(min -> node.put(key.exclusiveMin() ? "exclusiveMinimum" : "minimum", min));
        key.max().ifPresent(max -> node.put("maximum", max));
    }
}
