package dev.weir.examples.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.connectors.kafka.SharedKafka;
import dev.weir.examples.shop.IcebergTables;
import dev.weir.examples.shop.Weir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Types;

/**
 * A copy of this example's project reading its own topic of the test broker, run through the real
 * command line in child JVMs; its tables read back with Iceberg's own reader.
 */
final class StreamProject {
    private static final Path DEMO = Path.of(System.getProperty("weir.demo.dir", "."));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    /**
     * The demo's weir.yaml and pipelines, reading {@code topic} instead of shop.order_events, with
     * each line {@code key: value} of {@code extractKeys} set in their extract sections.
     */
    StreamProject(Path root, String topic, String extractKeys) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve("pipelines"));
            Files.copy(DEMO.resolve("weir.yaml"), root.resolve("weir.yaml"));
            for (String name : List.of("bronze_order_events.yaml", "silver_orders.yaml")) {
                String text = Files.readString(DEMO.resolve("pipelines").resolve(name))
                        .replace("topic: shop.order_events", "topic: " + topic);
                for (String line : extractKeys.lines().toList()) {
                    String key = line.substring(0, line.indexOf(':'));
                    Pattern written = Pattern.compile("(?m)^  " + Pattern.quote(key) + ":.*$");
                    text = written.matcher(text).find()
                            ? written.matcher(text).replaceFirst(Matcher.quoteReplacement("  " + line))
                            : text.replace("  strategy: log-based", "  strategy: log-based\n  " + line);
                }
                Files.writeString(root.resolve("pipelines").resolve(name), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    Weir.Result run(String... args) {
        return Weir.run(root, env(SharedKafka.servers()), args);
    }

    Process start(String... args) {
        return Weir.start(root, env(SharedKafka.servers()), args);
    }

    static Map<String, String> env(String servers) {
        return Map.of("KAFKA_SERVERS", servers);
    }

    /** The run records of {@code .weir/logs/runs.jsonl}, oldest first. */
    List<JsonNode> runRecords() {
        Path log = root.resolve(".weir/logs/runs.jsonl");
        List<JsonNode> records = new ArrayList<>();
        try {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (!line.isBlank()) {
                        records.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** The rows of {@code table} as column name to value, through Iceberg's generic reader. */
    List<Map<String, String>> rows(String table) {
        try (IcebergTables tables = new IcebergTables(root)) {
            List<String> names = tables.table(table).schema().columns().stream()
                    .map(Types.NestedField::name)
                    .toList();
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> values : tables.rows(table)) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 0; i < names.size(); i++) {
                    row.put(names.get(i), values.get(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
