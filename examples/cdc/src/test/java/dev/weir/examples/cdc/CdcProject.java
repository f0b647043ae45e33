package dev.weir.examples.cdc;

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
import org.apache.iceberg.types.Types;

/**
 * A copy of this example's project reading a database of the test server, run through the real
 * command line in child JVMs; its tables read back with Iceberg's own reader.
 */
final class CdcProject {
    private static final Path DEMO = Path.of(System.getProperty("weir.demo.dir", "."));

    private final Path root;
    private final String url;

    /** The demo's weir.yaml and pipeline, reading the database at {@code url}, with {@code edit} applied to the pipeline's text. */
    CdcProject(Path root, String url, java.util.function.UnaryOperator<String> edit) {
        this.root = root;
        this.url = url;
        try {
            Files.createDirectories(root.resolve("pipelines"));
            Files.copy(DEMO.resolve("weir.yaml"), root.resolve("weir.yaml"));
            String name = "bronze_customers.yaml";
            Files.writeString(
                    root.resolve("pipelines").resolve(name),
                    edit.apply(Files.readString(DEMO.resolve("pipelines").resolve(name))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    Weir.Result run(String... args) {
        return Weir.run(root, env(), args);
    }

    Process start(String... args) {
        return Weir.start(root, env(), args);
    }

    private Map<String, String> env() {
        return Map.of("CDC_DATABASE_URL", url, "CDC_DATABASE_USER", "postgres", "CDC_DATABASE_PASSWORD", "unused");
    }

    /** Whether {@code table} exists in the project's catalog yet. */
    boolean hasTable(String table) {
        // the catalog's database and its tables appear with the first commit: opening the database
        // earlier would create it empty, and reading it before the catalog's tables exist fails
        if (!Files.exists(root.resolve(".weir/weir.db"))) {
            return false;
        }
        try (IcebergTables tables = new IcebergTables(root)) {
            return tables.exists(table);
        } catch (org.apache.iceberg.jdbc.UncheckedSQLException notYet) {
            return false;
        }
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
